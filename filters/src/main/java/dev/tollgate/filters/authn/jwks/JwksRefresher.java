package dev.tollgate.filters.authn.jwks;

import java.time.Duration;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;

/**
 * Keeps key sets fresh without waiting for traffic: at start it begins every issuer's first fetch (in the
 * background, so startup never blocks on an identity provider), then it starts due refreshes every tick.
 */
public final class JwksRefresher implements SmartLifecycle {

	private final JwksCache cache;

	private final Duration tick;

	private volatile Disposable ticking;

	public JwksRefresher(JwksCache cache, Duration tick) {
		this.cache = cache;
		this.tick = tick;
	}

	@Override
	public void start() {
		this.cache.warmUp();
		this.ticking = Flux.interval(this.tick, this.tick, Schedulers.parallel())
			.subscribe((n) -> this.cache.refreshDue());
	}

	@Override
	public void stop() {
		Disposable current = this.ticking;
		if (current != null) {
			current.dispose();
		}
		this.ticking = null;
	}

	@Override
	public boolean isRunning() {
		return this.ticking != null;
	}

}
