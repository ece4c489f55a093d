package dev.tollgate.apikeys;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.tollgate.apikeys.phase.Phase;
import dev.tollgate.apikeys.record.ApiKeyRecord;

/** The outcome of authenticating a presented key on a route. */
public sealed interface Decision {

	/** Response headers the caller gets either way ({@code Deprecation}, {@code Sunset}, {@code Link}). */
	Map<String, String> headers();

	/**
	 * The key is accepted.
	 * @param key the key's record
	 * @param scopes the key's scopes intersected with what the route requires
	 * @param phase the effective phase (allow, warn, or brownout outside a window)
	 */
	record Accepted(ApiKeyRecord key, Set<String> scopes, Phase phase, Map<String, String> headers)
			implements Decision {

		public Accepted {
			Objects.requireNonNull(key, "key");
			scopes = Set.copyOf(scopes);
			headers = Map.copyOf(headers);
		}

	}

	/**
	 * The key is refused.
	 * @param reason public, bounded reason tag for the answer and metrics: {@link #INVALID} for every malformed,
	 * unknown, revoked, expired or misrouted key (so the answers are identical), {@link #BROWNOUT} or {@link #RETIRED}
	 * for a valid key refused by its migration phase
	 * @param cause the internal cause, for logs and metrics only; never shown to the caller
	 * @param description fixed, secret-free sentence for the caller
	 * @param keyId the key's id when the key was found, for logs only
	 */
	record Rejected(String reason, Cause cause, String description, Map<String, String> headers, String keyId)
			implements Decision {

		/** Reason of every key that is not valid here, whatever the cause. */
		public static final String INVALID = "api_key_rejected";

		/** Reason of a valid key refused during a brownout window. */
		public static final String BROWNOUT = "api_key_brownout";

		/** Reason of a valid key whose phase is reject or whose sunset has passed. */
		public static final String RETIRED = "api_key_retired";

		public Rejected {
			headers = Map.copyOf(headers);
		}

		/** True for refusals by phase (the caller's key is valid but retired or browned out). */
		public boolean byPhase() {
			return !INVALID.equals(this.reason);
		}

	}

	/** Internal causes of a refusal; bounded, safe as a metric tag. */
	enum Cause {

		MALFORMED, UNKNOWN, REVOKED, EXPIRED, ROUTE_NOT_ALLOWED, BROWNOUT, RETIRED, SUNSET;

		public String tag() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
