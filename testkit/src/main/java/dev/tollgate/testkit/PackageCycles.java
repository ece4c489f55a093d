package dev.tollgate.testkit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

/**
 * Package dependency cycles among a module's compiled classes, as the JDK's {@code jdeps} sees them (every class
 * reference in the bytecode, not just imports). A cycle is a set of packages each reachable from the others; each
 * comes with the class references that make it, so a failure says what to move.
 */
public final class PackageCycles {

	private PackageCycles() {
	}

	/** The compiled classes directory (or jar) that holds {@code type}. */
	public static Path classesOf(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param prefix only packages starting with it count, e.g. {@code dev.tollgate.filters}
	 * @return each cycle's packages mapped to the class references among them; empty when there is none
	 */
	public static List<Map<String, Set<String>>> find(Path classes, String prefix) {
		ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException("no jdeps"));
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exit = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:class", "-filter:none", "-e",
				java.util.regex.Pattern.quote(prefix) + ".*", classes.toString());
		if (exit != 0) {
			throw new IllegalStateException("jdeps failed: " + err);
		}
		Map<String, Set<String>> graph = new TreeMap<>();
		Map<String, Set<String>> references = new HashMap<>();
		for (String line : out.toString().split("\n")) {
			String[] parts = line.trim().split("\\s+");
			// Class lines only: "a.b.C -> x.y.D module"; module summary lines name no class.
			if (parts.length < 3 || !"->".equals(parts[1]) || parts[0].indexOf('.') < 0 || parts[2].indexOf('.') < 0) {
				continue;
			}
			String from = packageOf(parts[0]);
			String to = packageOf(parts[2]);
			if (!from.equals(to) && from.startsWith(prefix) && to.startsWith(prefix)) {
				graph.computeIfAbsent(from, (k) -> new TreeSet<>()).add(to);
				graph.computeIfAbsent(to, (k) -> new TreeSet<>());
				references.computeIfAbsent(from + " -> " + to, (k) -> new TreeSet<>())
					.add(simple(parts[0]) + " -> " + simple(parts[2]));
			}
		}
		List<Map<String, Set<String>>> cycles = new ArrayList<>();
		for (Set<String> component : new Tarjan(graph).components()) {
			if (component.size() > 1) {
				Map<String, Set<String>> cycle = new TreeMap<>();
				references.forEach((edge, refs) -> {
					String[] ends = edge.split(" -> ");
					if (component.contains(ends[0]) && component.contains(ends[1])) {
						cycle.put(edge, refs);
					}
				});
				cycles.add(cycle);
			}
		}
		return cycles;
	}

	private static String packageOf(String type) {
		String outer = type.contains("$") ? type.substring(0, type.indexOf('$')) : type;
		return outer.substring(0, outer.lastIndexOf('.'));
	}

	private static String simple(String type) {
		return type.substring(type.lastIndexOf('.') + 1);
	}

	/** Tarjan's strongly connected components; a package graph is small enough to recurse. */
	private static final class Tarjan {

		private final Map<String, Set<String>> graph;

		private final Map<String, Integer> index = new HashMap<>();

		private final Map<String, Integer> low = new HashMap<>();

		private final Deque<String> stack = new ArrayDeque<>();

		private final Set<String> onStack = new HashSet<>();

		private final List<Set<String>> components = new ArrayList<>();

		private int next;

		Tarjan(Map<String, Set<String>> graph) {
			this.graph = graph;
		}

		List<Set<String>> components() {
			for (String node : this.graph.keySet()) {
				if (!this.index.containsKey(node)) {
					visit(node);
				}
			}
			return this.components;
		}

		private void visit(String node) {
			this.index.put(node, this.next);
			this.low.put(node, this.next++);
			this.stack.push(node);
			this.onStack.add(node);
			for (String to : this.graph.get(node)) {
				if (!this.index.containsKey(to)) {
					visit(to);
					this.low.put(node, Math.min(this.low.get(node), this.low.get(to)));
				}
				else if (this.onStack.contains(to)) {
					this.low.put(node, Math.min(this.low.get(node), this.index.get(to)));
				}
			}
			if (this.low.get(node).equals(this.index.get(node))) {
				Set<String> component = new TreeSet<>();
				String member;
				do {
					member = this.stack.pop();
					this.onStack.remove(member);
					component.add(member);
				}
				while (!member.equals(node));
				this.components.add(component);
			}
		}

	}

}
