package dev.trovekeeper.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart is the one source of truth for the manifests. This test renders it with real Helm
 * (helm-java), lints it, and fails when {@code kubernetes/base/trove-keeper.yaml} or an overlay no
 * longer matches what the chart renders. Regenerate the base with {@code mvn test -Dtest=ChartTest
 * -Dkeeper.deploy.regenerate=true}.
 */
class ChartTest {

  static final Path ROOT = Path.of("").toAbsolutePath();
  static final Path CHART = ROOT.resolve("charts/trove-keeper");
  static final Path KUBERNETES = ROOT.resolve("kubernetes");
  static final Path BASE_VALUES = KUBERNETES.resolve("base/values.yaml");
  static final Path BASE_MANIFEST = KUBERNETES.resolve("base/trove-keeper.yaml");
  static final Path FULL_VALUES = CHART.resolve("ci/full-values.yaml");
  static final String RELEASE = "trove-keeper";
  static final String HEADER =
      """
      # GENERATED from charts/trove-keeper with kubernetes/base/values.yaml: do not edit.
      # Regenerate: mvn test -Dtest=ChartTest -Dkeeper.deploy.regenerate=true
      # (same as: helm template trove-keeper charts/trove-keeper -f kubernetes/base/values.yaml)
      """;
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path tmp;

  @Test
  void lintsCleanWithBaseAndFullValues() throws IOException {
    for (Path values : List.of(BASE_VALUES, FULL_VALUES)) {
      LintResult result = new Helm(chartWithDefaults(values)).lint().strict().call();
      assertThat(result.getMessages())
          .as("helm lint with %s", values)
          .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
      assertThat(result.isFailed()).as("helm lint with %s", values).isFalse();
    }
  }

  @Test
  void baseIsTheChartRenderedWithBaseValues() throws IOException {
    String rendered = HEADER + render(BASE_VALUES);
    if (Boolean.getBoolean("keeper.deploy.regenerate")) {
      Files.writeString(BASE_MANIFEST, rendered);
    }
    assertThat(Files.readString(BASE_MANIFEST))
        .as(
            "%s differs from the chart's rendering; regenerate it: mvn test -Dtest=ChartTest"
                + " -Dkeeper.deploy.regenerate=true",
            ROOT.relativize(BASE_MANIFEST))
        .isEqualTo(rendered);
    JsonNode kustomization = YAML.readTree(KUBERNETES.resolve("base/kustomization.yaml").toFile());
    assertThat(kustomization.path("resources").toString()).contains("trove-keeper.yaml");
  }

  /**
   * Each overlay's patches give exactly the objects the chart renders with the overlay's
   * values.yaml: every field a patch sets has the chart's value, and every field the overlay values
   * change is set by a patch.
   */
  @Test
  void overlaysAgreeWithTheChartRenderedWithTheirValues() throws IOException {
    Map<String, Integer> replicas = Map.of("dev", 1, "ha", 3);
    Map<String, JsonNode> base = byKindAndName(render(BASE_VALUES));
    for (String overlay : replicas.keySet()) {
      Path dir = KUBERNETES.resolve("overlays").resolve(overlay);
      Map<String, JsonNode> chart = byKindAndName(render(BASE_VALUES, dir.resolve("values.yaml")));
      assertThat(chart.keySet()).as(overlay).isEqualTo(base.keySet());
      JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
      assertThat(kustomization.path("resources").toString()).contains("../../base");
      Map<String, Map<String, String>> patched = new TreeMap<>();
      for (JsonNode patch : kustomization.path("patches")) {
        JsonNode object = YAML.readTree(dir.resolve(patch.path("path").asText()).toFile());
        patched.put(key(object), flatten(object));
      }
      for (String id : chart.keySet()) {
        Map<String, String> before = flatten(base.get(id));
        Map<String, String> after = flatten(chart.get(id));
        Map<String, String> patch = patched.getOrDefault(id, Map.of());
        patch.forEach(
            (path, value) ->
                assertThat(after.get(path)).as("%s: %s %s", overlay, id, path).isEqualTo(value));
        Set<String> changed = new TreeSet<>(before.keySet());
        changed.addAll(after.keySet());
        changed.removeIf(p -> Objects.equals(before.get(p), after.get(p)));
        assertThat(patch.keySet())
            .as("%s: fields of %s the chart changes but no patch does", overlay, id)
            .containsAll(changed);
      }
      JsonNode deployment = chart.get("Deployment/" + RELEASE);
      assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(replicas.get(overlay));
    }
  }

  @Test
  void deploymentIsProductionReady() {
    Map<String, JsonNode> objects = byKindAndName(render(BASE_VALUES));
    assertThat(objects)
        .containsKeys(
            "Deployment/" + RELEASE,
            "Service/" + RELEASE,
            "ServiceAccount/" + RELEASE,
            "ConfigMap/" + RELEASE,
            "PodDisruptionBudget/" + RELEASE);
    JsonNode deployment = objects.get("Deployment/" + RELEASE);
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
    JsonNode pod = deployment.at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");
    JsonNode config = objects.get("ConfigMap/" + RELEASE).path("data");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
    assertThat(container.at("/startupProbe/httpGet/path").asText()).startsWith("/q/health/");
    assertThat(ports(container))
        .containsExactly(Map.entry("http", 8080), Map.entry("management", 9000));
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      assertThat(container.at("/" + probe + "/httpGet/port").asText())
          .as("%s on the management port", probe)
          .isEqualTo("management");
    }
    // tenants reach the Service (and the Ingress behind it): never health or metrics
    assertThat(objects.get("Service/" + RELEASE).at("/spec/ports").findValuesAsText("targetPort"))
        .containsExactly("http");
    assertThat(config.path("KEEPER_MANAGEMENT_PORT").asText()).isEqualTo("9000");
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(container.path("volumeMounts").findValuesAsText("mountPath")).contains("/tmp");
    assertThat(pod.path("volumes").toString()).contains("\"tmp\"").contains("emptyDir");
    assertThat(pod.path("topologySpreadConstraints")).isNotEmpty();
    assertThat(container.at("/resources/limits/memory").isMissingNode()).isFalse();

    // No embedded default in production: each one has its production setting.
    assertThat(config.path("KEEPER_STORAGE_KIND").asText()).isEqualTo("s3");
    assertThat(config.path("KEEPER_DEMO_ENABLED").asText()).isEqualTo("false");
    for (String name :
        List.of("QUARKUS_DATASOURCE_JDBC_URL", "OS_AUTH_URL", "KAFKA_BOOTSTRAP_SERVERS")) {
      assertThat(config.path(name).asText()).as(name).isNotBlank();
    }
    assertThat(envNames(objects))
        .contains(
            "QUARKUS_DATASOURCE_PASSWORD", "OS_PASSWORD", "KEEPER_AUTH_CONFIRMATION_SIGNING_KEY");
    // Secrets only by reference: no Secret object, no secret value in the ConfigMap.
    assertThat(objects.keySet()).noneMatch(k -> k.startsWith("Secret/"));
    assertThat(container.path("env").findValues("value")).isEmpty();
  }

  @Test
  void everyRenderedObjectIsWellFormed() {
    Map<String, String> apiVersions =
        Map.of(
            "Deployment", "apps/v1",
            "Service", "v1",
            "ServiceAccount", "v1",
            "ConfigMap", "v1",
            "PodDisruptionBudget", "policy/v1",
            "NetworkPolicy", "networking.k8s.io/v1",
            "Ingress", "networking.k8s.io/v1",
            "ServiceMonitor", "monitoring.coreos.com/v1",
            "PrometheusRule", "monitoring.coreos.com/v1");
    Map<String, JsonNode> objects = byKindAndName(render(FULL_VALUES));
    assertThat(objects.keySet().stream().map(k -> k.split("/")[0]).distinct())
        .containsExactlyInAnyOrderElementsOf(apiVersions.keySet());
    for (JsonNode object : objects.values()) {
      String kind = object.path("kind").asText();
      assertThat(object.path("apiVersion").asText()).as(kind).isEqualTo(apiVersions.get(kind));
      assertThat(object.at("/metadata/name").asText()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
      assertThat(object.at("/metadata/labels/app.kubernetes.io~1name").asText())
          .isEqualTo("trove-keeper");
      if (object.has("data")) {
        object.path("data").forEach(v -> assertThat(v.isTextual()).as(kind).isTrue());
      }
    }
    JsonNode monitor = objects.get("ServiceMonitor/" + RELEASE);
    assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
    assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("management");
    // the monitor selects the management Service only, never the tenant Service
    JsonNode management = objects.get("Service/" + RELEASE + "-management");
    assertThat(management.at("/spec/ports").findValuesAsText("targetPort"))
        .containsExactly("management");
    monitor
        .at("/spec/selector/matchLabels")
        .fields()
        .forEachRemaining(
            label -> {
              assertThat(management.at("/metadata/labels").path(label.getKey()).asText())
                  .isEqualTo(label.getValue().asText());
            });
    assertThat(objects.get("Service/" + RELEASE).at("/metadata/labels").toString())
        .doesNotContain("\"app.kubernetes.io/component\":\"management\"");
    JsonNode rulesIn = objects.get("NetworkPolicy/" + RELEASE).at("/spec/ingress");
    assertThat(rulesIn.findValuesAsText("port")).containsExactly("http", "management");
    assertThat(rulesIn.get(1).path("from").toString()).contains("monitoring");
    String rules = objects.get("PrometheusRule/" + RELEASE).toString();
    assertThat(rules)
        .contains("trove_keeper_openstack_up")
        .contains("trove_keeper_recovery_point_age_seconds")
        .contains("trove_keeper_runs_total{outcome=\\\"FAILED\\\"}");
  }

  /**
   * Every object rendered with the base, full and overlay values is read into its fabric8 model
   * class with no field the Kubernetes schema does not know (see {@link KubernetesSchema}).
   */
  @Test
  void everyRenderedObjectMatchesTheKubernetesSchemas() {
    List<Path[]> valueSets =
        List.of(
            new Path[] {BASE_VALUES},
            new Path[] {FULL_VALUES},
            new Path[] {BASE_VALUES, KUBERNETES.resolve("overlays/dev/values.yaml")},
            new Path[] {BASE_VALUES, KUBERNETES.resolve("overlays/ha/values.yaml")});
    for (Path[] values : valueSets) {
      String rendered = render(values);
      assertThat(byKindAndName(rendered)).isNotEmpty();
      assertThat(KubernetesSchema.validate(rendered))
          .as("schema problems with %s", List.of(values))
          .isEmpty();
    }
    Set<String> kinds = new TreeSet<>();
    byKindAndName(render(FULL_VALUES)).values().forEach(o -> kinds.add(o.path("kind").asText()));
    assertThat(kinds)
        .contains("Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy", "Ingress");
  }

  /** The schema validation fails where it should: misspelled fields, bad values, unknown kinds. */
  @Test
  void schemaValidationReportsWhatTheSchemasReject() {
    String deployment =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: tk
        spec:
          replica: 2
          selector:
            matchLabels: {app: tk}
          template:
            metadata:
              labels: {app: tk}
            spec:
              containers:
                - name: tk
                  image: tk:1
                  ports:
                    - name: http
                      containerPort: 8080
                  readinesProbe:
                    httpGet: {path: /q/health/ready, port: http}
                  livenessProbe:
                    httpGet: {path: /q/health/live, port: web}
                  resources:
                    limits: {memory: lots}
        """;
    assertThat(KubernetesSchema.validate(deployment))
        .anyMatch(p -> p.startsWith("Deployment/tk: /spec/replica: unknown field"))
        .anyMatch(
            p -> p.startsWith("Deployment/tk: /spec/template/spec/containers/0/readinesProbe:"))
        .anyMatch(
            p ->
                p.startsWith(
                        "Deployment/tk: /spec/template/spec/containers/0/livenessProbe/httpGet/port:")
                    && p.contains("web"))
        .anyMatch(
            p ->
                p.startsWith(
                    "Deployment/tk: /spec/template/spec/containers/0/resources/limits/memory:"))
        .hasSize(4);
    String valid =
        deployment
            .replace("replica:", "replicas:")
            .replace("readines", "readiness")
            .replace("port: web", "port: 8080")
            .replace("lots", "512Mi");
    assertThat(KubernetesSchema.validate(valid)).isEmpty();
    assertThat(
            KubernetesSchema.validate(
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: tk}
                spec:
                  template:
                    spec: {containers: []}
                ---
                apiVersion: v1
                kind: Sevrice
                metadata: {name: tk}
                ---
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: tk}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {labels: {app: tk}}
                """))
        .containsExactly(
            "Deployment/tk: /spec/template/spec/containers: empty",
            "Sevrice/tk: unknown apiVersion/kind v1 Sevrice",
            "ServiceMonitor/tk: spec missing",
            "ConfigMap/: metadata.name missing or not a DNS label");
  }

  /** Every KEEPER_, OS_, QUARKUS_ and KAFKA_ variable the chart sets is in README's table. */
  @Test
  void everyEnvironmentVariableTheChartSetsIsDocumented() throws IOException {
    Set<String> set = envNames(byKindAndName(render(FULL_VALUES)));
    set.addAll(envNames(byKindAndName(render(BASE_VALUES))));
    List<String> rows = readmeConfigurationRows();
    // What an operator adds under `config:` is theirs, not the chart's.
    YAML.readTree(FULL_VALUES.toFile()).path("config").fieldNames().forEachRemaining(set::remove);
    assertThat(set)
        .contains("KEEPER_AUTH_JWT_PUBLIC_KEY_LOCATION", "OS_CLOUD", "KEEPER_STORAGE_S3_BUCKET");
    List<String> undocumented =
        set.stream()
            .filter(n -> n.matches("(KEEPER|OS|QUARKUS|KAFKA)_.*"))
            // The Quarkus mailer's own settings; README points to QUARKUS_MAILER_* for SMTP.
            .filter(n -> !n.startsWith("QUARKUS_MAILER_"))
            .filter(n -> !documented(n, rows))
            .toList();
    assertThat(undocumented).as("set by the chart but not in README's configuration").isEmpty();
  }

  /** Every property of every {@code @ConfigMapping} can be set through the chart's config. */
  @Test
  void everyConfigPropertyIsSettableThroughTheChart() throws Exception {
    Set<String> names = configMappingEnvNames();
    assertThat(names).contains("KEEPER_OPENSTACK_AUTH_URL", "KEEPER_RUN_FLEET_CONCURRENCY");
    TemplateCommand template = templateCommand(BASE_VALUES);
    for (String name : names) {
      template = template.set("config." + name, "v-" + name);
    }
    JsonNode data = byKindAndName(template.call()).get("ConfigMap/" + RELEASE).path("data");
    assertThat(names).allSatisfy(n -> assertThat(data.path(n).asText()).isEqualTo("v-" + n));
  }

  @Test
  void schemaRejectsAWrongTypeAndAMissingRequiredValue() {
    assertThatThrownBy(() -> templateCommand(BASE_VALUES).set("replicaCount", "two").call())
        .hasMessageContaining("replicaCount")
        .hasMessageContaining("integer");
    assertThatThrownBy(() -> new Helm(CHART).template().withName(RELEASE).call())
        .hasMessageContaining("database: url is required")
        .hasMessageContaining("kafka: bootstrapServers is required");
    assertThatThrownBy(() -> templateCommand(BASE_VALUES).set("storage.s3.bucket", "tk").call())
        .hasMessageContaining("storage.s3.bucket");
  }

  // ---- rendering

  static TemplateCommand templateCommand(Path... valuesFiles) {
    TemplateCommand template = new Helm(CHART).template().withName(RELEASE);
    for (Path values : valuesFiles) {
      template = template.withValuesFile(values);
    }
    return template;
  }

  static String render(Path... valuesFiles) {
    return templateCommand(valuesFiles).call();
  }

  /** A copy of the chart whose values.yaml also holds the given values (lint has no -f). */
  Path chartWithDefaults(Path values) throws IOException {
    Path copy = Files.createTempDirectory(tmp, "chart");
    try (Stream<Path> files = Files.walk(CHART)) {
      for (Path source : files.toList()) {
        Path target = copy.resolve(CHART.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    ObjectNode merged = (ObjectNode) YAML.readTree(CHART.resolve("values.yaml").toFile());
    YAML.readerForUpdating(merged).readValue(values.toFile());
    YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
    return copy;
  }

  static Map<String, JsonNode> byKindAndName(String yaml) {
    Map<String, JsonNode> objects = new TreeMap<>();
    try (var parser = YAML.getFactory().createParser(yaml)) {
      Iterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class);
      while (documents.hasNext()) {
        JsonNode object = documents.next();
        if (object != null && object.isObject()) {
          assertThat(objects.put(key(object), object)).as("duplicate %s", key(object)).isNull();
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return objects;
  }

  static String key(JsonNode object) {
    return object.path("kind").asText() + "/" + object.at("/metadata/name").asText();
  }

  /**
   * Leaves of an object by path; list items that have a {@code name} are keyed by it, as a
   * strategic merge patch matches them.
   */
  static Map<String, String> flatten(JsonNode node) {
    Map<String, String> leaves = new TreeMap<>();
    flatten("", node, leaves);
    return leaves;
  }

  private static void flatten(String path, JsonNode node, Map<String, String> leaves) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> flatten(path + "/" + e.getKey(), e.getValue(), leaves));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        String id = item.has("name") ? item.path("name").asText() : String.valueOf(i);
        flatten(path + "[" + id + "]", item, leaves);
      }
    } else {
      leaves.put(path, node.asText());
    }
  }

  /** Container ports by name, in order. */
  static List<Map.Entry<String, Integer>> ports(JsonNode container) {
    List<Map.Entry<String, Integer>> ports = new ArrayList<>();
    container
        .path("ports")
        .forEach(
            p -> ports.add(Map.entry(p.path("name").asText(), p.path("containerPort").asInt())));
    return ports;
  }

  static Set<String> envNames(Map<String, JsonNode> objects) {
    Set<String> names = new TreeSet<>();
    objects.get("ConfigMap/" + RELEASE).path("data").fieldNames().forEachRemaining(names::add);
    objects
        .get("Deployment/" + RELEASE)
        .at("/spec/template/spec/containers/0/env")
        .forEach(e -> names.add(e.path("name").asText()));
    return names;
  }

  // ---- what the service documents and reads

  static List<String> readmeConfigurationRows() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("## Configuration");
    int end = readme.indexOf("\n## ", start + 1);
    return readme
        .substring(start, end < 0 ? readme.length() : end)
        .lines()
        .filter(l -> l.startsWith("|"))
        .toList();
  }

  /**
   * A name is documented when a table row holds it whole, or holds a full name and a suffix ({@code
   * `OS_APPLICATION_CREDENTIAL_ID` / `_SECRET`}) that together spell it.
   */
  static boolean documented(String name, List<String> rows) {
    for (String row : rows) {
      List<String> tokens = new ArrayList<>();
      Matcher m = Pattern.compile("`(_?[A-Z][A-Z0-9_]*)`").matcher(row);
      while (m.find()) {
        tokens.add(m.group(1));
      }
      if (tokens.contains(name)) {
        return true;
      }
      for (String suffix : tokens) {
        if (suffix.startsWith("_") && name.endsWith(suffix)) {
          String stem = name.substring(0, name.length() - suffix.length());
          if (tokens.stream().anyMatch(t -> !t.startsWith("_") && t.startsWith(stem + "_"))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Environment names of every leaf property of the service's {@code @ConfigMapping}s. */
  static Set<String> configMappingEnvNames() throws IOException, ClassNotFoundException {
    Set<String> names = new TreeSet<>();
    Path sources = ROOT.resolve("src/main/java");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    for (Path file : files) {
      if (!Files.readString(file).contains("@ConfigMapping(")) {
        continue;
      }
      String className = sources.relativize(file).toString().replace(".java", "").replace('/', '.');
      Class<?> type = Class.forName(className);
      ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
      if (mapping != null) {
        properties(mapping.prefix(), type, names);
      }
    }
    return names.stream()
        .map(p -> p.toUpperCase().replaceAll("[^A-Z0-9]", "_"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static void properties(String prefix, Class<?> group, Set<String> names) {
    for (Method method : group.getMethods()) {
      if (method.getParameterCount() > 0
          || Modifier.isStatic(method.getModifiers())
          || method.isDefault()
          || method.getDeclaringClass() == Object.class) {
        continue;
      }
      String name = prefix;
      if (!method.isAnnotationPresent(WithParentName.class)) {
        WithName withName = method.getAnnotation(WithName.class);
        name += "." + (withName != null ? withName.value() : kebab(method.getName()));
      }
      Type type = method.getGenericReturnType();
      Class<?> raw = method.getReturnType();
      if (raw == Optional.class && type instanceof ParameterizedType p) {
        Type arg = p.getActualTypeArguments()[0];
        raw = arg instanceof Class<?> c ? c : raw;
      }
      if (Map.class.isAssignableFrom(raw)) {
        names.add(name + ".default");
      } else if (raw.isInterface() && raw.getPackageName().startsWith("dev.trovekeeper")) {
        properties(name, raw, names);
      } else {
        names.add(name);
      }
    }
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }
}
