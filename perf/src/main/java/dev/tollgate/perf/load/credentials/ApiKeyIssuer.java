package dev.tollgate.perf.load.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tollgate.perf.load.process.ManagedProcess;
import dev.tollgate.perf.load.systems.Stage;

/**
 * One API key per simulated caller ({@code perf-client-00000}...), put into the Redis store the Tollgate gateway
 * reads the way an operator would: the gateway's own command line ({@code ApiKeyCli}: {@code keys --redis <url>
 * import <file>}) with a
 * legacy-key CSV. The keys are random legacy-format strings (Tollgate stores only their SHA-256); the import file
 * lives in the work dir and is deleted after the import.
 */
public final class ApiKeyIssuer {

	static final String CLI_MAIN = "dev.tollgate.admin.cli.ApiKeyCli";

	private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

	private ApiKeyIssuer() {
	}

	public static List<String> issue(Path tollgateJar, String redisUrl, int count, Path workDir)
			throws IOException {
		SecureRandom random = new SecureRandom();
		List<String> keys = new ArrayList<>(count);
		List<String> csv = new ArrayList<>(count + 1);
		csv.add("client_id,key,sha256,key_id,owner,scopes,routes,expires,phase,sunset,notes");
		for (int i = 0; i < count; i++) {
			String key = "perfkey_" + randomBase62(random, 32);
			keys.add(key);
			csv.add(AuthorizationServerClients.clientId(i) + "," + key + ",,,perf," + Stage.SCOPE + ",,,,,load harness");
		}
		Path file = workDir.resolve("api-keys-import.csv");
		Files.write(file, csv, StandardCharsets.US_ASCII);
		try {
			// The CLI's own main class through Spring Boot's PropertiesLauncher: a build without the CLI fails at
			// once instead of starting a gateway on its default ports.
			List<String> command = ManagedProcess.java(List.of("-Xmx512m", "-Dloader.main=" + CLI_MAIN), "-cp",
					tollgateJar.toAbsolutePath().toString(), "org.springframework.boot.loader.launch.PropertiesLauncher",
					"keys", "--redis", redisUrl, "import", file.toString());
			Path log = workDir.resolve("api-keys-import.log");
			int exit = ManagedProcess.runToCompletion(command, log, Duration.ofMinutes(10));
			if (exit != 0) {
				throw new IllegalStateException("API-key import exited with " + exit + "; see " + log);
			}
		}
		finally {
			Files.deleteIfExists(file);
		}
		return keys;
	}

	static String randomBase62(SecureRandom random, int length) {
		char[] chars = new char[length];
		for (int i = 0; i < length; i++) {
			chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
		}
		return new String(chars);
	}

}
