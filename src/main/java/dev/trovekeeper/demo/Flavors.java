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

  static int ram(String flavorId) {
    return switch (flavorId) {
      case "2" -> 2048;
      case "3" -> 4096;
      default -> 512;
    };
  }
}
