package dev.trovekeeper.storage;

/** The object asked for does not exist (a permanent failure). */
public class ObjectNotFoundException extends StorageException {

  public ObjectNotFoundException(String location, ObjectKey key, Throwable cause) {
    super("object not found", false, location, key, cause);
  }
}
