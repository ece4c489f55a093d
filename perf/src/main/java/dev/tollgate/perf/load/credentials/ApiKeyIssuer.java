package dev.tollgate.perf.load.credentials;

import java.util.List;

/**
 * Issues one API key per simulated caller into the Redis store the Tollgate gateway reads. Filled in when API-key
 * authentication is in the build.
 */
public final class ApiKeyIssuer {

	private ApiKeyIssuer() {
	}

	public static List<String> issue(String redisUrl, int count) {
		throw new UnsupportedOperationException("API-key issuing is not wired yet");
	}

}
