package dev.tollgate.testkit;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a stage in tests, bounded so a stage that never completes fails the test instead of hanging the build.
 * Failures surface as {@link CompletionException} with the original cause, so {@code hasRootCauseInstanceOf} works.
 */
public final class Await {

	private static final Duration DEFAULT = Duration.ofSeconds(20);

	private Await() {
	}

	/** The stage's value, waiting at most 20 seconds (generous: Redis tests wait for outages to be noticed). */
	public static <T> T await(CompletionStage<T> stage) {
		return await(stage, DEFAULT);
	}

	/** The stage's value, waiting at most {@code timeout} (e.g. longer for a Redis failover). */
	public static <T> T await(CompletionStage<T> stage, Duration timeout) {
		try {
			return stage.toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			throw new CompletionException(ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("stage not complete after " + timeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
