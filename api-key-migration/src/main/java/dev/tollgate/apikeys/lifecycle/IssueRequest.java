package dev.tollgate.apikeys.lifecycle;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.tollgate.apikeys.phase.Phase;

/**
 * What to issue a key for.
 *
 * @param clientId the OAuth client the key maps to
 * @param owner team or contact
 * @param scopes scopes the key holds
 * @param routes routes the key may call; empty for any
 * @param validity how long the key works, {@code null} for no expiry
 * @param phase the key's starting phase
 * @param notes free text
 * @param labels operator labels, read by route policies as {@code caller.key_labels}
 */
public record IssueRequest(String clientId, String owner, Set<String> scopes, Set<String> routes, Duration validity,
		Phase phase, String notes, Map<String, String> labels) {

	public IssueRequest {
		Objects.requireNonNull(clientId, "clientId");
		if (clientId.isBlank()) {
			throw new IllegalArgumentException("client id must not be blank");
		}
		if (validity != null && (validity.isNegative() || validity.isZero())) {
			throw new IllegalArgumentException("validity must be positive");
		}
		scopes = Set.copyOf(scopes);
		routes = Set.copyOf(routes);
		phase = (phase != null) ? phase : Phase.ALLOW;
		labels = (labels != null) ? Map.copyOf(labels) : Map.of();
		KeyLabels.check(labels);
	}

	public static IssueRequest forClient(String clientId) {
		return new IssueRequest(clientId, null, Set.of(), Set.of(), null, Phase.ALLOW, null, Map.of());
	}

	public IssueRequest owner(String owner) {
		return new IssueRequest(this.clientId, owner, this.scopes, this.routes, this.validity, this.phase, this.notes,
				this.labels);
	}

	public IssueRequest scopes(Set<String> scopes) {
		return new IssueRequest(this.clientId, this.owner, scopes, this.routes, this.validity, this.phase, this.notes,
				this.labels);
	}

	public IssueRequest routes(Set<String> routes) {
		return new IssueRequest(this.clientId, this.owner, this.scopes, routes, this.validity, this.phase, this.notes,
				this.labels);
	}

	public IssueRequest validity(Duration validity) {
		return new IssueRequest(this.clientId, this.owner, this.scopes, this.routes, validity, this.phase, this.notes,
				this.labels);
	}

	public IssueRequest phase(Phase phase) {
		return new IssueRequest(this.clientId, this.owner, this.scopes, this.routes, this.validity, phase, this.notes,
				this.labels);
	}

	public IssueRequest labels(Map<String, String> labels) {
		return new IssueRequest(this.clientId, this.owner, this.scopes, this.routes, this.validity, this.phase,
				this.notes, labels);
	}

	public IssueRequest notes(String notes) {
		return new IssueRequest(this.clientId, this.owner, this.scopes, this.routes, this.validity, this.phase, notes,
				this.labels);
	}

}
