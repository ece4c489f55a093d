package dev.tollgate.testkit;

/** One way of having a Redis to test against; see {@link RedisHarness}. */
interface RedisBackend {

	String host();

	int port();

	/** Full URI including credentials/database if the backend has them. */
	String uri();

	/** Stops serving; the port refuses connections afterwards. */
	void stop();

	/** Serves again on the same port. */
	void start();

	/** Releases everything; idempotent. */
	void close();

	/** Short name for logs and assertion messages: {@code env}, {@code container}, {@code process}. */
	String kind();

}
