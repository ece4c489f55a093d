package dev.tollgate.perf.load.systems;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
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

	static final String RATE_LIMIT = "dev/tollgate/filters/ratelimit/RateLimitAutoConfiguration.class";

	static final String EXCHANGE = "dev/tollgate/filters/upstream/exchange/TokenExchangeAutoConfiguration.class";

	static final String API_KEYS = "dev/tollgate/filters/authn/apikey/ApiKeyAutoConfiguration.class";

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
		return new TollgateBuild(true, classes.contains(RATE_LIMIT), classes.contains(EXCHANGE),
				classes.contains(API_KEYS));
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
