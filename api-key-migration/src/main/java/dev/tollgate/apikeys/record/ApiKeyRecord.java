package dev.tollgate.apikeys.record;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.tollgate.apikeys.format.KeyHash;
import dev.tollgate.apikeys.phase.Phase;

/**
 * One API key as the store knows it. Never holds the key itself, only its SHA-256.
 *
 * @param keyId public id of the key (the id embedded in a Tollgate key, or an assigned id for a legacy key)
 * @param clientId the OAuth client this key's caller is mapped to; the identity's client id and rate-limit key
 * @param owner the team or contact responsible for the key, free text
 * @param scopes scopes the key holds; a request gets these intersected with what the route needs
 * @param routes route ids the key may call; empty means any route that accepts API keys
 * @param created when the key was issued or imported
 * @param expires when the key stops working, {@code null} for never
 * @param lastUsed last accepted use as last flushed by the usage recorder, {@code null} for never
 * @param status active or revoked
 * @param phase the key's own migration phase; the route's may be stricter
 * @param phaseSince when the key entered its phase (the {@code Deprecation} date for warn and later)
 * @param sunset when the key stops being accepted for good (RFC 8594), {@code null} when not planned
 * @param notes free text for operators
 * @param hash SHA-256 of the key (see {@link KeyHash})
 * @param replacedBy id of the key that replaced this one by rotation, else {@code null}
 * @param labels operator labels ({@code team=payments}, {@code tier=read-only}), read by route policies as
 * {@code caller.key_labels}; descriptive, never secret, kept across rotation
 */
public record ApiKeyRecord(String keyId, String clientId, String owner, Set<String> scopes, Set<String> routes,
		Instant created, Instant expires, Instant lastUsed, KeyStatus status, Phase phase, Instant phaseSince,
		Instant sunset, String notes, String hash, String replacedBy, Map<String, String> labels) {

	public ApiKeyRecord {
		Objects.requireNonNull(keyId, "keyId");
		Objects.requireNonNull(clientId, "clientId");
		Objects.requireNonNull(created, "created");
		if (!KeyHash.isValid(hash)) {
			throw new IllegalArgumentException("hash must be a lower-case hex SHA-256");
		}
		owner = (owner != null) ? owner : "";
		notes = (notes != null) ? notes : "";
		scopes = Set.copyOf(scopes);
		routes = Set.copyOf(routes);
		status = (status != null) ? status : KeyStatus.ACTIVE;
		phase = (phase != null) ? phase : Phase.ALLOW;
		phaseSince = (phaseSince != null) ? phaseSince : created;
		// Map.copyOf: the identity built from the record per request shares it instead of copying.
		labels = (labels != null) ? Map.copyOf(labels) : Map.of();
	}

	/** True when the key has expired at {@code now} (the expiry instant itself is already expired). */
	public boolean expiredAt(Instant now) {
		return this.expires != null && !now.isBefore(this.expires);
	}

	/** True when the key is active and not expired at {@code now}. */
	public boolean usableAt(Instant now) {
		return this.status == KeyStatus.ACTIVE && !expiredAt(now);
	}

	/** {@code active}, {@code expired} or {@code revoked} at {@code now}, for listings. */
	public String stateAt(Instant now) {
		if (this.status == KeyStatus.REVOKED) {
			return "revoked";
		}
		return expiredAt(now) ? "expired" : "active";
	}

	/** True when the key may be used on {@code routeId}. */
	public boolean allowsRoute(String routeId) {
		return this.routes.isEmpty() || this.routes.contains(routeId);
	}

	public Builder toBuilder() {
		return new Builder(this);
	}

	public static Builder builder() {
		return new Builder();
	}

	/** A copy with {@code lastUsed} moved forward to {@code when}, never backward. */
	public ApiKeyRecord withLastUsed(Instant when) {
		if (when == null || (this.lastUsed != null && !when.isAfter(this.lastUsed))) {
			return this;
		}
		return toBuilder().lastUsed(when).build();
	}

	/** Builder, so fixtures and the lifecycle change one field at a time. */
	public static final class Builder {

		private String keyId;

		private String clientId;

		private String owner;

		private Set<String> scopes = Set.of();

		private Set<String> routes = Set.of();

		private Instant created;

		private Instant expires;

		private Instant lastUsed;

		private KeyStatus status = KeyStatus.ACTIVE;

		private Phase phase = Phase.ALLOW;

		private Instant phaseSince;

		private Instant sunset;

		private String notes;

		private String hash;

		private String replacedBy;

		private Map<String, String> labels = Map.of();

		private Builder() {
		}

		private Builder(ApiKeyRecord r) {
			this.keyId = r.keyId;
			this.clientId = r.clientId;
			this.owner = r.owner;
			this.scopes = r.scopes;
			this.routes = r.routes;
			this.created = r.created;
			this.expires = r.expires;
			this.lastUsed = r.lastUsed;
			this.status = r.status;
			this.phase = r.phase;
			this.phaseSince = r.phaseSince;
			this.sunset = r.sunset;
			this.notes = r.notes;
			this.hash = r.hash;
			this.replacedBy = r.replacedBy;
			this.labels = r.labels;
		}

		public Builder keyId(String keyId) {
			this.keyId = keyId;
			return this;
		}

		public Builder clientId(String clientId) {
			this.clientId = clientId;
			return this;
		}

		public Builder owner(String owner) {
			this.owner = owner;
			return this;
		}

		public Builder scopes(Set<String> scopes) {
			this.scopes = scopes;
			return this;
		}

		public Builder routes(Set<String> routes) {
			this.routes = routes;
			return this;
		}

		public Builder created(Instant created) {
			this.created = created;
			return this;
		}

		public Builder expires(Instant expires) {
			this.expires = expires;
			return this;
		}

		public Builder lastUsed(Instant lastUsed) {
			this.lastUsed = lastUsed;
			return this;
		}

		public Builder status(KeyStatus status) {
			this.status = status;
			return this;
		}

		public Builder phase(Phase phase) {
			this.phase = phase;
			return this;
		}

		public Builder phaseSince(Instant phaseSince) {
			this.phaseSince = phaseSince;
			return this;
		}

		public Builder sunset(Instant sunset) {
			this.sunset = sunset;
			return this;
		}

		public Builder notes(String notes) {
			this.notes = notes;
			return this;
		}

		public Builder hash(String hash) {
			this.hash = hash;
			return this;
		}

		public Builder replacedBy(String replacedBy) {
			this.replacedBy = replacedBy;
			return this;
		}

		public Builder labels(Map<String, String> labels) {
			this.labels = labels;
			return this;
		}

		public ApiKeyRecord build() {
			return new ApiKeyRecord(this.keyId, this.clientId, this.owner, this.scopes, this.routes, this.created,
					this.expires, this.lastUsed, this.status, this.phase, this.phaseSince, this.sunset, this.notes,
					this.hash, this.replacedBy, this.labels);
		}

	}

}
