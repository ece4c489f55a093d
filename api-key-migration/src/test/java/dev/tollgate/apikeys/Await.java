package dev.tollgate.apikeys;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waits for a stage in tests; failures surface as {@link CompletionException} with the original cause. */
public final class Await {

	private Await() {
	}

	public static <T> T await(CompletionStage<T> stage) {
		try {
			return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw new CompletionException(ex.getCause());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
