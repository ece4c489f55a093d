package dev.tollgate.apikeys.usage;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One counter: calls of one kind, by one client (and key), on one route, on one UTC day.
 *
 * @param kind API key or OAuth
 * @param clientId the caller's client id
 * @param keyId the key used, {@code null} for OAuth calls
 * @param routeId the route called
 * @param day UTC day of the calls
 */
public record UsageCell(CallKind kind, String clientId, String keyId, String routeId, LocalDate day) {

	/** How a call authenticated. */
	public enum CallKind {

		API_KEY, OAUTH

	}

	public UsageCell {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(clientId, "clientId");
		Objects.requireNonNull(routeId, "routeId");
		Objects.requireNonNull(day, "day");
		if ((kind == CallKind.API_KEY) != (keyId != null)) {
			throw new IllegalArgumentException("API-key calls, and only they, name a key");
		}
	}

}
