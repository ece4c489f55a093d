package dev.tollgate.filters.upstream.exchange;

/** How the cache answered one exchange; a bounded metric tag and audit field. */
enum CacheState {

	/** A still-fresh exchanged token was served; the STS was not called. */
	HIT("hit"),
	/** This request called the STS. */
	MISS("miss"),
	/** Another request with the same subject token and target was already calling the STS; this one shared it. */
	JOINED("joined"),
	/** A recent refusal for the same subject token and target was repeated without calling the STS. */
	NEGATIVE("negative"),
	/** The request was answered before the cache was consulted (e.g. it asked for scopes the caller lacks). */
	NONE("none");

	final String tag;

	CacheState(String tag) {
		this.tag = tag;
	}

}
