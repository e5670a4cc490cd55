package dev.trovekeeper.source.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * The order to read (and restore) tables in: every referenced table before the tables referencing
 * it. Tables on a foreign-key cycle (a self-reference included) cannot be ordered among themselves:
 * they come together, by name, at the cycle's place, and the cycle is reported. Deterministic: ties
 * are broken by name. Pure: no I/O.
 *
 * @param tables every table once, in reading order
 * @param cycles the cycles, each the sorted names of its tables, sorted by first name
 */
public record TableOrder(List<String> tables, List<List<String>> cycles) {

  /** Orders {@code tables} by the foreign keys among them (keys to other tables are ignored). */
  public static TableOrder of(Collection<String> tables, Collection<ForeignKey> keys) {
    Graph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
    tables.forEach(graph::addVertex);
    for (var key : keys) {
      if (graph.containsVertex(key.table()) && graph.containsVertex(key.referencedTable())) {
        // parent -> child: the parent is read first
        graph.addEdge(key.referencedTable(), key.table());
      }
    }
    var cycles = new ArrayList<List<String>>();
    if (new CycleDetector<>(graph).detectCycles()) {
      var components = new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets();
      for (Set<String> component : components) {
        var only = component.iterator().next();
        if (component.size() > 1 || graph.containsEdge(only, only)) {
          cycles.add(List.copyOf(new TreeSet<>(component)));
        }
      }
      cycles.sort(Comparator.comparing(c -> c.get(0)));
    }
    var condensation = new KosarajuStrongConnectivityInspector<>(graph).getCondensation();
    Comparator<Graph<String, DefaultEdge>> byFirstName =
        Comparator.comparing(g -> new TreeSet<>(g.vertexSet()).first());
    var order = new ArrayList<String>();
    new TopologicalOrderIterator<>(condensation, byFirstName)
        .forEachRemaining(component -> order.addAll(new TreeSet<>(component.vertexSet())));
    return new TableOrder(List.copyOf(order), List.copyOf(cycles));
  }
}
