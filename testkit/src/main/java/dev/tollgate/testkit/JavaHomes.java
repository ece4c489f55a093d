package dev.tollgate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds a JDK newer than the one running the tests, for fixtures that launch a program needing it (Keycloak needs
 * Java 21; the build runs on 17).
 */
final class JavaHomes {

	private JavaHomes() {
	}

	/**
	 * A JDK of feature version {@code minimum} or later: the one the system property {@code property} names, else
	 * this JVM, else the newest JDK under {@code /usr/lib/jvm} (read from each one's {@code release} file).
	 * @throws IllegalStateException naming what was found, when none is recent enough
	 */
	static Path atLeast(int minimum, String property, String forWhat) {
		String configured = System.getProperty(property);
		if (configured != null && !configured.isBlank()) {
			Path path = Path.of(configured);
			int version = javaVersion(path);
			if (version < minimum) {
				throw new IllegalStateException(property + "=" + configured + " is not a JDK " + minimum
						+ " or later (found version " + version + "); " + forWhat + " needs Java " + minimum + "+.");
			}
			return path;
		}
		if (Runtime.version().feature() >= minimum) {
			return Path.of(System.getProperty("java.home"));
		}
		Path jvms = Path.of("/usr/lib/jvm");
		List<String> seen = new ArrayList<>();
		if (Files.isDirectory(jvms)) {
			try (Stream<Path> candidates = Files.list(jvms)) {
				Path best = candidates.filter((p) -> Files.isExecutable(p.resolve("bin/java")))
					.peek((p) -> seen.add(p.getFileName() + " (" + javaVersion(p) + ")"))
					.filter((p) -> javaVersion(p) >= minimum)
					.max(Comparator.comparingInt(JavaHomes::javaVersion))
					.orElse(null);
				if (best != null) {
					return best;
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		throw new IllegalStateException(forWhat + " needs Java " + minimum + " or later, and none was found: this JVM is "
				+ Runtime.version().feature() + ", /usr/lib/jvm holds " + (seen.isEmpty() ? "no JDK" : seen)
				+ ". Install one (e.g. Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64) or set -D" + property
				+ "=<jdk>.");
	}

	/** The feature version in {@code <jdk>/release} ({@code JAVA_VERSION="25.0.1"} gives 25); 0 when unreadable. */
	private static int javaVersion(Path jdk) {
		Path release = jdk.resolve("release");
		if (!Files.isRegularFile(release)) {
			return 0;
		}
		Properties properties = new Properties();
		try (var in = Files.newInputStream(release)) {
			properties.load(in);
			String value = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
			String feature = value.startsWith("1.") ? value.substring(2) : value;
			int end = 0;
			while (end < feature.length() && Character.isDigit(feature.charAt(end))) {
				end++;
			}
			return (end == 0) ? 0 : Integer.parseInt(feature.substring(0, end));
		}
		catch (IOException | NumberFormatException ex) {
			return 0;
		}
	}

}
