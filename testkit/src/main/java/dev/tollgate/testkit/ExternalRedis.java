package dev.tollgate.testkit;

import io.lettuce.core.RedisURI;

/** A Redis the environment provides through {@code REDIS_URL} (CI service container, developer's instance). */
final class ExternalRedis implements RedisBackend {

	private final String uri;
	private final RedisURI parsed;

	ExternalRedis(String uri) {
		this.uri = uri;
		this.parsed = RedisURI.create(uri);
	}

	@Override
	public String host() {
		return this.parsed.getHost();
	}

	@Override
	public int port() {
		return this.parsed.getPort();
	}

	@Override
	public String uri() {
		return this.uri;
	}

	@Override
	public void stop() {
		throw new UnsupportedOperationException("REDIS_URL Redis is not ours to stop; use RedisHarness.dedicated()");
	}

	@Override
	public void start() {
		throw new UnsupportedOperationException("REDIS_URL Redis is not ours to start; use RedisHarness.dedicated()");
	}

	@Override
	public void close() {
		// Not ours.
	}

	@Override
	public String kind() {
		return "env";
	}

}
