package dev.tollgate.apikeys.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The bus of a single instance: listeners are called synchronously by the publisher. */
public final class LocalKeyChangeBus implements KeyChangeBus {

	private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

	@Override
	public CompletionStage<Void> publish(String keyId) {
		this.listeners.forEach(l -> l.accept(keyId));
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public void subscribe(Consumer<String> listener) {
		this.listeners.add(listener);
	}

}
