package dev.tollgate.filters.core;

import java.util.Objects;
import java.util.function.Function;

import reactor.core.publisher.Mono;


/**
 * What a stage (or a stage's core) answers: a value now, when a cache decided (the warm path, which then runs no
 * Reactor operator); a value later, when a dependency must be asked; or a refusal. A core may also throw a
 * {@link Rejection} synchronously; the pipeline answers it like a refusal of the running stage.
 *
 * @param <T> the value's type
 */
public final class Answer<T> {

	private static final Answer<Object> PASSED = new Answer<>(Boolean.TRUE, null, null, null);

	private final T value;

	private final Mono<T> later;

	private final Rejection refusal;

	private final String refusingStage;

	private Answer(T value, Mono<T> later, Rejection refusal, String refusingStage) {
		this.value = value;
		this.later = later;
		this.refusal = refusal;
		this.refusingStage = refusingStage;
	}

	/** A value decided without waiting. */
	public static <T> Answer<T> now(T value) {
		return new Answer<>(Objects.requireNonNull(value, "value"), null, null, null);
	}

	/** A value that needs a dependency; the Mono emits it, or fails with a {@link Rejection}. */
	public static <T> Answer<T> later(Mono<T> later) {
		return new Answer<>(null, Objects.requireNonNull(later, "later"), null, null);
	}

	/** The request goes on; shared, so the warm path allocates nothing for it. */
	@SuppressWarnings("unchecked")
	public static <T> Answer<T> passed() {
		return (Answer<T>) PASSED;
	}

	/**
	 * A refusal recorded under {@code stage} rather than the running stage's name (e.g. {@code edge} for an address
	 * over its failed-authentication limit).
	 */
	public static <T> Answer<T> refused(Rejection refusal, String stage) {
		return new Answer<>(null, null, Objects.requireNonNull(refusal, "refusal"), stage);
	}

	public boolean isReady() {
		return this.later == null && this.refusal == null;
	}

	public boolean isRefused() {
		return this.refusal != null;
	}

	/** The value of a ready answer. */
	public T value() {
		return this.value;
	}

	/** The pending value of an answer that is neither ready nor refused. */
	public Mono<T> later() {
		return this.later;
	}

	public Rejection refusal() {
		return this.refusal;
	}

	/** The stage a refusal is recorded under; {@code null}: the running stage. */
	public String refusingStage() {
		return this.refusingStage;
	}

	/** The same answer transformed; a ready answer is transformed now, so {@code mapper} may throw a refusal. */
	public <R> Answer<R> map(Function<? super T, ? extends R> mapper) {
		if (this.refusal != null) {
			return new Answer<>(null, null, this.refusal, this.refusingStage);
		}
		return isReady() ? now(mapper.apply(this.value)) : later(this.later.map(mapper));
	}

	/** As a Mono, for callers that compose reactively: refusals become error signals. */
	public Mono<T> toMono() {
		if (this.refusal != null) {
			return Mono.error(this.refusal);
		}
		return isReady() ? Mono.just(this.value) : this.later;
	}

}
