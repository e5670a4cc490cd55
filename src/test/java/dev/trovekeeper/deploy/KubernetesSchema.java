package dev.trovekeeper.deploy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates rendered Kubernetes objects against the Kubernetes schemas, as the fabric8 model
 * classes carry them: each object is read into the class of its {@code apiVersion} and {@code kind}
 * (an unknown pair is a problem), and every field the schema does not know, which fabric8 keeps in
 * {@code getAdditionalProperties()}, is reported by its path. Also checked: {@code metadata.name},
 * a Deployment's containers, port numbers and names (probes, Service target ports, as {@link
 * IntOrString}), and that every resource {@link Quantity} parses.
 *
 * <p>ServiceMonitor and PrometheusRule are custom resources (monitoring.coreos.com, the Prometheus
 * Operator's CRDs) without a model class here: they are validated structurally only ({@code
 * apiVersion}, {@code kind}, {@code metadata.name}, {@code spec} present).
 */
final class KubernetesSchema {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Model class by {@code apiVersion kind}. */
  static final Map<String, Class<? extends HasMetadata>> MODELS =
      Map.of(
          "apps/v1 Deployment", Deployment.class,
          "v1 Service", Service.class,
          "v1 ServiceAccount", ServiceAccount.class,
          "v1 ConfigMap", ConfigMap.class,
          "v1 Secret", Secret.class,
          "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class,
          "networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class,
          "networking.k8s.io/v1 Ingress", Ingress.class);

  /** Custom resources checked structurally only (no model class). */
  static final Set<String> CUSTOM_RESOURCES =
      Set.of("monitoring.coreos.com/v1 ServiceMonitor", "monitoring.coreos.com/v1 PrometheusRule");

  static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  static final String PORT_NAME = "(?=.{1,15}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?";

  private KubernetesSchema() {}

  /** Problems of every document of a multi-document YAML stream; empty when all are valid. */
  static List<String> validate(String yaml) {
    List<String> problems = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(yaml)) {
      Iterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class);
      while (documents.hasNext()) {
        JsonNode object = documents.next();
        if (object != null && !object.isNull() && !object.isMissingNode()) {
          problems.addAll(validate(object));
        }
      }
    } catch (IOException e) {
      problems.add("unreadable YAML: " + e.getMessage());
    }
    return problems;
  }

  /** Problems of one object, each prefixed with {@code Kind/name}. */
  static List<String> validate(JsonNode object) {
    List<String> problems = new ArrayList<>();
    String type = object.path("apiVersion").asText() + " " + object.path("kind").asText();
    String id = object.path("kind").asText() + "/" + object.at("/metadata/name").asText();
    if (!object.at("/metadata/name").asText().matches(DNS_LABEL)) {
      problems.add(id + ": metadata.name missing or not a DNS label");
    }
    if (CUSTOM_RESOURCES.contains(type)) {
      if (!object.path("spec").isObject() || object.path("spec").isEmpty()) {
        problems.add(id + ": spec missing");
      }
      return problems;
    }
    Class<? extends HasMetadata> model = MODELS.get(type);
    if (model == null) {
      problems.add(id + ": unknown apiVersion/kind " + type);
      return problems;
    }
    HasMetadata resource;
    try {
      resource = YAML.treeToValue(object, model);
    } catch (IOException | IllegalArgumentException e) {
      problems.add(id + ": does not match " + model.getSimpleName() + ": " + e.getMessage());
      return problems;
    }
    walk("", resource, problems);
    if (resource instanceof Deployment deployment) {
      checkPod(deployment, problems);
    }
    if (resource instanceof Service service && service.getSpec() != null) {
      List<ServicePort> ports = service.getSpec().getPorts();
      if (ports == null || ports.isEmpty()) {
        problems.add("/spec/ports: empty");
      } else {
        for (int i = 0; i < ports.size(); i++) {
          checkPort(
              "/spec/ports/" + i + "/targetPort", ports.get(i).getTargetPort(), null, problems);
        }
      }
    }
    problems.replaceAll(p -> p.startsWith(id) ? p : id + ": " + p);
    return problems;
  }

  /**
   * Walks the model object graph by the JSON properties Jackson maps: a non-empty {@code
   * additionalProperties} is a field the schema does not know; every {@link Quantity} must parse.
   */
  private static void walk(String path, Object value, List<String> problems) {
    if (value == null) {
      return;
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(path + "/" + i, list.get(i), problems);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(path + "/" + k, v, problems));
      return;
    }
    if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    if (value instanceof Quantity quantity) {
      try {
        Quantity.getAmountInBytes(quantity);
      } catch (RuntimeException e) {
        problems.add(path + ": not a quantity: " + quantity + " (" + e.getMessage() + ")");
      }
      return;
    }
    if (value instanceof IntOrString intOrString) {
      if (intOrString.getIntVal() == null && intOrString.getStrVal() == null) {
        problems.add(path + ": neither an integer nor a string");
      }
      return;
    }
    Map<String, Object> unknown = additionalProperties(value);
    for (String field : new TreeSet<>(unknown.keySet())) {
      problems.add(
          path + "/" + field + ": unknown field (not in " + value.getClass().getSimpleName() + ")");
    }
    BeanDescription bean =
        YAML.getSerializationConfig().introspect(YAML.constructType(value.getClass()));
    for (BeanPropertyDefinition property : bean.findProperties()) {
      AnnotatedMember accessor = property.getAccessor();
      if (accessor == null || property.getName().equals("additionalProperties")) {
        continue;
      }
      accessor.fixAccess(true);
      walk(path + "/" + property.getName(), accessor.getValue(value), problems);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> additionalProperties(Object value) {
    try {
      Object map = value.getClass().getMethod("getAdditionalProperties").invoke(value);
      return map instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    } catch (NoSuchMethodException e) {
      return Map.of();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void checkPod(Deployment deployment, List<String> problems) {
    PodSpec pod =
        deployment.getSpec() == null || deployment.getSpec().getTemplate() == null
            ? null
            : deployment.getSpec().getTemplate().getSpec();
    if (pod == null || pod.getContainers() == null || pod.getContainers().isEmpty()) {
      problems.add("/spec/template/spec/containers: empty");
      return;
    }
    List<Container> containers = new ArrayList<>(pod.getContainers());
    if (pod.getInitContainers() != null) {
      containers.addAll(pod.getInitContainers());
    }
    for (int c = 0; c < containers.size(); c++) {
      Container container = containers.get(c);
      String at = "/spec/template/spec/containers/" + c;
      if (container.getName() == null || !container.getName().matches(DNS_LABEL)) {
        problems.add(at + "/name: missing or not a DNS label");
      }
      if (container.getImage() == null || container.getImage().isBlank()) {
        problems.add(at + "/image: missing");
      }
      Set<String> names = new TreeSet<>();
      List<ContainerPort> ports = container.getPorts() == null ? List.of() : container.getPorts();
      for (int i = 0; i < ports.size(); i++) {
        ContainerPort port = ports.get(i);
        checkNumber(at + "/ports/" + i + "/containerPort", port.getContainerPort(), problems);
        if (port.getName() != null) {
          if (!port.getName().matches(PORT_NAME)) {
            problems.add(at + "/ports/" + i + "/name: not a port name: " + port.getName());
          }
          names.add(port.getName());
        }
      }
      checkProbe(at + "/livenessProbe", container.getLivenessProbe(), names, problems);
      checkProbe(at + "/readinessProbe", container.getReadinessProbe(), names, problems);
      checkProbe(at + "/startupProbe", container.getStartupProbe(), names, problems);
    }
  }

  private static void checkProbe(
      String at, Probe probe, Set<String> portNames, List<String> problems) {
    if (probe == null) {
      return;
    }
    if (probe.getHttpGet() != null) {
      checkPort(at + "/httpGet/port", probe.getHttpGet().getPort(), portNames, problems);
    } else if (probe.getTcpSocket() != null) {
      checkPort(at + "/tcpSocket/port", probe.getTcpSocket().getPort(), portNames, problems);
    } else if (probe.getGrpc() != null) {
      checkNumber(at + "/grpc/port", probe.getGrpc().getPort(), problems);
    } else if (probe.getExec() == null) {
      problems.add(at + ": no handler (httpGet, tcpSocket, grpc or exec)");
    }
  }

  /** A port as IntOrString: a number in range, or a port name (declared, when names are known). */
  private static void checkPort(
      String at, IntOrString port, Set<String> declared, List<String> problems) {
    if (port == null) {
      problems.add(at + ": missing");
    } else if (port.getIntVal() != null) {
      checkNumber(at, port.getIntVal(), problems);
    } else if (port.getStrVal() == null || !port.getStrVal().matches(PORT_NAME)) {
      problems.add(at + ": neither a port number nor a port name: " + port.getStrVal());
    } else if (declared != null && !declared.contains(port.getStrVal())) {
      problems.add(at + ": names no port of the container: " + port.getStrVal());
    }
  }

  private static void checkNumber(String at, Integer port, List<String> problems) {
    if (port == null || port < 1 || port > 65535) {
      problems.add(at + ": not a port number: " + port);
    }
  }
}
