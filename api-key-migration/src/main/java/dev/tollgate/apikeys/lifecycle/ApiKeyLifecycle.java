package dev.tollgate.apikeys.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.record.KeyStatus;
import dev.tollgate.apikeys.format.ApiKeyFormat;
import dev.tollgate.apikeys.format.KeyHash;
import dev.tollgate.apikeys.phase.Phase;
import dev.tollgate.apikeys.store.ApiKeyStore;
import dev.tollgate.logs.LogText;

/**
 * Issue, rotate, revoke, expire and re-phase keys. Time comes from the injected clock. Every change is a save
 * through the store, which (wrapped in a {@link dev.tollgate.apikeys.store.CachingApiKeyStore}) announces it to all
 * gateway instances. Log lines name key ids, never keys.
 */
public final class ApiKeyLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ApiKeyLifecycle.class);

	private final ApiKeyStore store;

	private final ApiKeyFormat format;

	private final Clock clock;

	private final Duration defaultOverlap;

	/** @param defaultOverlap how long a rotated key keeps working when the caller names no overlap */
	public ApiKeyLifecycle(ApiKeyStore store, ApiKeyFormat format, Clock clock, Duration defaultOverlap) {
		this.store = store;
		this.format = format;
		this.clock = clock;
		this.defaultOverlap = defaultOverlap;
	}

	public CompletionStage<IssuedKey> issue(IssueRequest request) {
		Instant now = this.clock.instant();
		String keyId = this.format.newKeyId();
		String key = this.format.newKey(keyId);
		ApiKeyRecord record = ApiKeyRecord.builder()
			.keyId(keyId)
			.clientId(request.clientId())
			.owner(request.owner())
			.scopes(request.scopes())
			.routes(request.routes())
			.created(now)
			.expires((request.validity() != null) ? now.plus(request.validity()) : null)
			.phase(request.phase())
			.phaseSince(now)
			.notes(request.notes())
			.labels(request.labels())
			.hash(KeyHash.of(key))
			.build();
		return this.store.save(record).thenApply(v -> {
			log.atInfo().addKeyValue("key_id", keyId).addKeyValue("client_id", LogText.escape(record.clientId()))
				.log("api key issued");
			return new IssuedKey(key, record);
		});
	}

	/**
	 * Issues a successor with the same client, owner, scopes, routes, phase, sunset and lifetime, and lets the old
	 * key work for {@code overlap} more (never longer than it would have anyway).
	 * @param overlap {@code null} for the default; zero ends the old key now
	 */
	public CompletionStage<IssuedKey> rotate(String keyId, Duration overlap) {
		Duration grace = (overlap != null) ? overlap : this.defaultOverlap;
		if (grace.isNegative()) {
			throw new IllegalArgumentException("overlap must not be negative");
		}
		return require(keyId).thenCompose(old -> {
			Instant now = this.clock.instant();
			if (!old.usableAt(now)) {
				throw new KeyStateException("key " + keyId + " is " + old.stateAt(now) + "; issue a new key instead");
			}
			String newId = this.format.newKeyId();
			String key = this.format.newKey(newId);
			Instant newExpiry = (old.expires() != null)
					? now.plus(Duration.between(old.created(), old.expires())) : null;
			ApiKeyRecord successor = old.toBuilder()
				.keyId(newId)
				.created(now)
				.expires(newExpiry)
				.lastUsed(null)
				.hash(KeyHash.of(key))
				.replacedBy(null)
				.notes(appendNote(old.notes(), "rotated from " + keyId))
				.build();
			Instant oldEnd = now.plus(grace);
			ApiKeyRecord retired = old.toBuilder()
				.expires((old.expires() != null && old.expires().isBefore(oldEnd)) ? old.expires() : oldEnd)
				.replacedBy(newId)
				.build();
			return this.store.save(successor).thenCompose(v -> this.store.save(retired)).thenApply(v -> {
				log.atInfo().addKeyValue("key_id", LogText.escape(keyId)).addKeyValue("successor", newId)
					.addKeyValue("overlap", grace.toString()).log("api key rotated");
				return new IssuedKey(key, successor);
			});
		});
	}

	/** Revokes the key for good; idempotent. */
	public CompletionStage<ApiKeyRecord> revoke(String keyId) {
		return update(keyId, "revoked", r -> r.toBuilder().status(KeyStatus.REVOKED).build());
	}

	/** Ends the key's validity now (unless it already ended). */
	public CompletionStage<ApiKeyRecord> expire(String keyId) {
		Instant now = this.clock.instant();
		return update(keyId, "expired",
				r -> r.expiredAt(now) ? r : r.toBuilder().expires(now).build());
	}

	/**
	 * Sets the key's own phase and sunset ({@code null} clears it). The phase date moves only when the phase
	 * changes, so {@code Deprecation} keeps announcing when the key was first deprecated at that level.
	 */
	public CompletionStage<ApiKeyRecord> setPhase(String keyId, Phase phase, Instant sunset) {
		Instant now = this.clock.instant();
		return update(keyId, "phase " + phase.tag(), r -> r.toBuilder()
			.phase(phase)
			.phaseSince((r.phase() == phase) ? r.phaseSince() : now)
			.sunset(sunset)
			.build());
	}

	public CompletionStage<ApiKeyRecord> find(String keyId) {
		return require(keyId);
	}

	public CompletionStage<List<ApiKeyRecord>> list() {
		return this.store.list();
	}

	public Clock clock() {
		return this.clock;
	}

	private CompletionStage<ApiKeyRecord> update(String keyId, String what, UnaryOperator<ApiKeyRecord> change) {
		return require(keyId).thenCompose(r -> {
			ApiKeyRecord changed = change.apply(r);
			return this.store.save(changed).thenApply(v -> {
				log.atInfo().addKeyValue("key_id", LogText.escape(keyId)).log("api key " + what);
				return changed;
			});
		});
	}

	private CompletionStage<ApiKeyRecord> require(String keyId) {
		return this.store.findById(keyId)
			.thenApply(r -> r.orElseThrow(() -> new KeyStateException("no key with id " + keyId)));
	}

	private static String appendNote(String notes, String note) {
		return (notes == null || notes.isBlank()) ? note : notes + "; " + note;
	}

}
