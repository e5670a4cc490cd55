package dev.trovekeeper.datarestore;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * The order a restore writes entities in: every referenced entity (parent) before the entities
 * referencing it, from the references in a backup's schema snapshot (REST: declared references;
 * SQL: foreign keys). Entities on a reference cycle come together in the backup's order. Ties keep
 * the backup's order. Pure.
 */
public final class EntityOrder {

  private EntityOrder() {}

  /**
   * @param entities the entities in the backup's order
   * @param schema the manifest's schema snapshot ({@code entities[].references[].entity})
   */
  public static List<String> of(List<String> entities, JsonNode schema) {
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < entities.size(); i++) {
      position.put(entities.get(i), i);
    }
    Graph<String, DefaultEdge> graph = graph(entities, schema, false);
    Comparator<String> byPosition = Comparator.comparing(position::get);
    var condensation = new KosarajuStrongConnectivityInspector<>(graph).getCondensation();
    Comparator<Graph<String, DefaultEdge>> byFirst =
        Comparator.comparingInt(
            g -> g.vertexSet().stream().mapToInt(position::get).min().orElse(0));
    List<String> order = new ArrayList<>();
    new TopologicalOrderIterator<>(condensation, byFirst)
        .forEachRemaining(
            component -> {
              TreeSet<String> members = new TreeSet<>(byPosition);
              members.addAll(component.vertexSet());
              order.addAll(members);
            });
    return order;
  }

  /**
   * The reference cycles among {@code entities} (a self-reference is a cycle of one), each sorted
   * by name.
   */
  public static List<List<String>> cycles(List<String> entities, JsonNode schema) {
    Graph<String, DefaultEdge> graph = graph(entities, schema, true);
    List<List<String>> cycles = new ArrayList<>();
    for (var component : new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets()) {
      String one = component.iterator().next();
      if (component.size() > 1 || graph.containsEdge(one, one)) {
        cycles.add(new TreeSet<>(component).stream().toList());
      }
    }
    cycles.sort(Comparator.comparing(c -> c.get(0)));
    return cycles;
  }

  private static Graph<String, DefaultEdge> graph(
      List<String> entities, JsonNode schema, boolean selfLoops) {
    Graph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
    entities.forEach(graph::addVertex);
    if (schema != null) {
      for (JsonNode entity : schema.path("entities")) {
        String child = entity.path("name").asText();
        for (JsonNode reference : entity.path("references")) {
          String parent = reference.path("entity").asText();
          if (graph.containsVertex(child)
              && graph.containsVertex(parent)
              && (selfLoops || !parent.equals(child))) {
            graph.addEdge(parent, child);
          }
        }
      }
    }
    return graph;
  }
}
