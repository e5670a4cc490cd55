package dev.trovekeeper.demo;

/** The few Nova flavors the demo region knows; unknown ids behave as m1.tiny. */
final class Flavors {

  private Flavors() {}

  static String name(String flavorId) {
    return switch (flavorId) {
      case "2" -> "m1.small";
      case "3" -> "m1.medium";
      default -> "m1.tiny";
    };
  }

  /** The ids {@code GET flavors} lists. */
  static final java.util.List<String> IDS = java.util.List.of("1", "2", "3");

  /**
   * One flavor as Trove 18's {@code FlavorView} writes it (not in the recordings; from Trove's
   * source): a numeric id as a number, and {@code str_id} as text.
   */
  static java.util.Map<String, Object> view(String flavorId, String linkBase) {
    var flavor = new java.util.LinkedHashMap<String, Object>();
    flavor.put("id", Integer.parseInt(flavorId));
    flavor.put(
        "links",
        java.util.List.of(
            java.util.Map.of("href", linkBase + "/flavors/" + flavorId, "rel", "self"),
            java.util.Map.of("href", linkBase + "/flavors/" + flavorId, "rel", "bookmark")));
    flavor.put("name", name(flavorId));
    flavor.put("ram", ram(flavorId));
    flavor.put("vcpus", ram(flavorId) / 512 == 1 ? 1 : ram(flavorId) / 1024);
    flavor.put("disk", 0);
    flavor.put("ephemeral", 0);
    flavor.put("str_id", flavorId);
    return flavor;
  }

  static int ram(String flavorId) {
    return switch (flavorId) {
      case "2" -> 2048;
      case "3" -> 4096;
      default -> 512;
    };
  }
}
