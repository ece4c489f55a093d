package dev.tollgate.perf.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a gateway's CPU went, from a flight recording of a harness run ({@code --jfr}): execution samples
 * aggregated by the method on top of the stack (self time), by package of that method, and, for Tollgate's own
 * code, by every method on the stack (inclusive time). {@code JfrHotspots <recording.jfr> [top]}.
 */
public final class JfrHotspots {

	private JfrHotspots() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length < 1) {
			System.err.println("usage: JfrHotspots <recording.jfr> [top=25]");
			System.exit(2);
		}
		int top = (args.length > 1) ? Integer.parseInt(args[1]) : 25;
		Map<String, Integer> self = new HashMap<>();
		Map<String, Integer> packages = new HashMap<>();
		Map<String, Integer> inclusive = new HashMap<>();
		Map<String, Integer> attributed = new HashMap<>();
		Map<String, Integer> threads = new HashMap<>();
		int samples = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
			if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
				continue;
			}
			RecordedStackTrace stack = event.getStackTrace();
			if (stack == null || stack.getFrames().isEmpty() || startupThread(event)) {
				continue;
			}
			samples++;
			List<RecordedFrame> frames = stack.getFrames();
			String topMethod = name(frames.get(0).getMethod());
			self.merge(topMethod, 1, Integer::sum);
			packages.merge(packageOf(frames.get(0).getMethod()), 1, Integer::sum);
			attributed.merge(firstNonJdkFrame(frames) + " <- " + topMethod, 1, Integer::sum);
			threads.merge(event.getThread("sampledThread").getJavaName().replaceAll("\\d+", "N"), 1, Integer::sum);
			Set<String> seen = new HashSet<>();
			for (RecordedFrame frame : frames) {
				String method = name(frame.getMethod());
				if (method.startsWith("dev.tollgate.") && seen.add(method)) {
					inclusive.merge(method, 1, Integer::sum);
				}
			}
		}
		System.out.println(samples + " execution samples (request-serving threads only) in " + args[0]);
		print("samples by thread pool", threads, samples, top);
		print("self time by top method", self, samples, top);
		print("self time by package", packages, samples, top);
		print("self time by (first non-JDK frame <- top method)", attributed, samples, top);
		print("inclusive time of Tollgate methods (on the stack)", inclusive, samples, top);
	}

	/** Startup work (class loading, context refresh) runs on {@code main}; requests run on the other threads. */
	private static boolean startupThread(RecordedEvent event) {
		var thread = event.getThread("sampledThread");
		String name = (thread != null) ? thread.getJavaName() : null;
		return name == null || name.equals("main") || name.equals("background-preinit");
	}

	/** Who, outside the JDK, led to the sampled frame: tells a Micrometer map insert from a Tollgate one. */
	private static String firstNonJdkFrame(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String method = name(frame.getMethod());
			if (!method.startsWith("java.") && !method.startsWith("jdk.") && !method.startsWith("sun.")) {
				return method;
			}
		}
		return "(jdk only)";
	}

	private static void print(String title, Map<String, Integer> counts, int samples, int top) {
		System.out.println();
		System.out.println("## " + title);
		Map<String, Integer> sorted = new LinkedHashMap<>();
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(top)
			.forEach(e -> sorted.put(e.getKey(), e.getValue()));
		sorted.forEach((k, v) -> System.out.printf("%6.2f%%  %6d  %s%n", 100.0 * v / Math.max(1, samples), v, k));
	}

	private static String name(RecordedMethod method) {
		return (method == null) ? "?" : method.getType().getName() + "." + method.getName();
	}

	/** The first three segments of the package: enough to tell nimbus from netty from spring security. */
	static String packageOf(RecordedMethod method) {
		if (method == null) {
			return "?";
		}
		String type = method.getType().getName();
		String[] parts = type.split("\\.");
		int n = Math.min(parts.length - 1, 3);
		return (n <= 0) ? type : String.join(".", java.util.Arrays.copyOf(parts, n));
	}

}
