package dev.tollgate.perf.load.systems;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Which parts of the pipeline the packaged gateway holds. The harness configures the full chain from what is
 * there, and the results say what was measured (for example minting instead of exchange when exchange is not built).
 *
 * @param present whether the jar exists
 * @param rateLimit {@code ClientRateLimit} on Redis
 * @param exchange RFC 8693 token exchange with STS profiles
 * @param apiKeys API-key authentication with a Redis store
 */
public record TollgateBuild(boolean present, boolean rateLimit, boolean exchange, boolean apiKeys) {

	/** Where each feature's auto-configuration lives: today's package first, then where older builds kept it. */
	static final List<String> RATE_LIMIT = List.of("dev/tollgate/filters/autoconfigure/RateLimitAutoConfiguration.class",
			"dev/tollgate/filters/ratelimit/RateLimitAutoConfiguration.class");

	static final List<String> EXCHANGE = List.of(
			"dev/tollgate/filters/autoconfigure/TokenExchangeAutoConfiguration.class",
			"dev/tollgate/filters/upstream/exchange/TokenExchangeAutoConfiguration.class");

	static final List<String> API_KEYS = List.of("dev/tollgate/filters/autoconfigure/ApiKeyAutoConfiguration.class",
			"dev/tollgate/filters/authn/apikey/ApiKeyAutoConfiguration.class");

	public static TollgateBuild inspect(Path jar) {
		if (!Files.isRegularFile(jar)) {
			return new TollgateBuild(false, false, false, false);
		}
		Set<String> classes = new HashSet<>();
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				String name = entry.getName();
				if (name.startsWith("BOOT-INF/lib/tollgate-filters") && name.endsWith(".jar")) {
					try (InputStream in = zip.getInputStream(entry)) {
						classes.addAll(entryNames(in));
					}
				}
			}
		}
		catch (IOException ex) {
			return new TollgateBuild(true, false, false, false);
		}
		return new TollgateBuild(true, RATE_LIMIT.stream().anyMatch(classes::contains),
				EXCHANGE.stream().anyMatch(classes::contains), API_KEYS.stream().anyMatch(classes::contains));
	}

	private static Set<String> entryNames(InputStream jar) throws IOException {
		Set<String> names = new HashSet<>();
		try (ZipInputStream in = new ZipInputStream(jar)) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				names.add(e.getName());
			}
		}
		return names;
	}

}
