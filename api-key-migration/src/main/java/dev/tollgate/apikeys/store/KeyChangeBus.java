package dev.tollgate.apikeys.store;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Tells every gateway instance that a key changed (revoked, rotated, re-phased, issued, deleted) so each drops its
 * local cache. Listeners also hear {@code null}, meaning "messages may have been missed, drop everything": after
 * (re)subscribing.
 */
public interface KeyChangeBus extends AutoCloseable {

	/** Announces a change of {@code keyId} to every instance, this one included. */
	CompletionStage<Void> publish(String keyId);

	/** Registers a listener called with the changed key id, or {@code null} to drop everything. */
	void subscribe(Consumer<String> listener);

	@Override
	default void close() {
	}

}
