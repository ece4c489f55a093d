package dev.tollgate.perf.load.systems;

import java.io.IOException;
import java.util.List;

/**
 * One system under test, as configuration: what it runs, which credentials its callers send, how many instances
 * share the load, and how to start one instance.
 *
 * @param id short id used in tables and JSON ({@code direct}, {@code bare}, ...)
 * @param description one line saying what the system does per request
 * @param credentials what the load generator sends
 * @param instances gateway processes sharing the load (0 for direct: no gateway)
 * @param launcher how to start one instance; {@code null} for direct
 * @param forwardsCallerCredential whether the upstream receives the caller's own credential (no gateway, or a bare
 * gateway); every other system must hand the upstream a token of its own, which the harness checks before measuring
 * @param jsonBody the JSON body every request posts (an MCP {@code tools/call}, say), or {@code null}: {@code GET}
 */
public record SystemSpec(String id, String description, Credentials credentials, int instances, Launcher launcher,
		boolean forwardsCallerCredential, String jsonBody) {

	/** A system whose callers send {@code GET} requests. */
	public SystemSpec(String id, String description, Credentials credentials, int instances, Launcher launcher,
			boolean forwardsCallerCredential) {
		this(id, description, credentials, instances, launcher, forwardsCallerCredential, null);
	}

	/** The credentials the load generator rotates through. */
	public enum Credentials {
		/** {@code Authorization: Bearer <JWT>} from the authorization server, one per client. */
		BEARER,
		/** {@code X-API-Key: <key>}, one issued key per client. */
		API_KEY,
		/**
		 * {@code Authorization: DPoP <JWT>} bound to the caller's key, with a new {@code DPoP} proof per request
		 * (RFC 9449).
		 */
		DPOP
	}

	/** Starts one instance: returns its command line (after writing any config it needs into the work dir). */
	@FunctionalInterface
	public interface Launcher {

		List<String> command(Stage stage, String processName, int port) throws IOException;

	}

	public boolean direct() {
		return this.launcher == null;
	}

}
