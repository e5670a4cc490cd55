package dev.trovekeeper;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Package dependencies point one way, top to bottom (docs/architecture.md, CONVENTIONS.md "Which
 * way the arrows point"). When a lower package must react to a higher one, it owns an interface or
 * a CDI event type that the higher one implements or fires.
 */
@AnalyzeClasses(packages = "dev.trovekeeper", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.trovekeeper.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule layersPointDown =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .ensureAllClassesAreContainedInArchitecture()
          .layer("entry points")
          .definedBy(
              "dev.trovekeeper.boot..",
              "dev.trovekeeper.demo..",
              "dev.trovekeeper.operator..",
              "dev.trovekeeper.instance..",
              "dev.trovekeeper.console..")
          .layer("engines")
          .definedBy(
              "dev.trovekeeper.schedule..",
              "dev.trovekeeper.dataset..",
              "dev.trovekeeper.migration..",
              "dev.trovekeeper.diff..",
              "dev.trovekeeper.datarestore..",
              "dev.trovekeeper.retention..",
              "dev.trovekeeper.housekeeping..")
          .layer("run")
          .definedBy("dev.trovekeeper.run..")
          .layer("policy")
          .definedBy("dev.trovekeeper.policy..")
          .layer("inventory")
          .definedBy("dev.trovekeeper.inventory..")
          .layer("adapters and plumbing")
          .definedBy(
              "dev.trovekeeper.protection..",
              "dev.trovekeeper.trove..",
              "dev.trovekeeper.storage..",
              "dev.trovekeeper.archive..",
              "dev.trovekeeper.auth..",
              "dev.trovekeeper.events..",
              "dev.trovekeeper.audit..",
              "dev.trovekeeper.api..",
              "dev.trovekeeper.joblock..",
              "dev.trovekeeper.config..",
              "dev.trovekeeper.ratelimit..",
              "dev.trovekeeper.source..")
          .whereLayer("entry points")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("engines")
          .mayOnlyBeAccessedByLayers("entry points")
          .whereLayer("run")
          .mayOnlyBeAccessedByLayers("entry points", "engines")
          .whereLayer("policy")
          .mayOnlyBeAccessedByLayers("entry points", "engines", "run")
          .whereLayer("inventory")
          .mayOnlyBeAccessedByLayers("entry points", "engines", "run", "policy");

  /** The web console is a top layer of its own: it calls services, nothing calls it. */
  @ArchTest
  static final ArchRule nothingImportsTheConsole =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.trovekeeper.console..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.trovekeeper.console..");
}
