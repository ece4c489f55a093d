package dev.tollgate.perf.load.soak;

/**
 * One Redis restart and how the gateway came through it, in seconds since the run started ({@code NaN}: never seen).
 *
 * @param index 1-based
 * @param stoppedAt Redis was asked to stop
 * @param startedAt Redis listened again (same port, same data)
 * @param unreachableLoggedAt the gateway's "Redis unreachable" line
 * @param answersAgainLoggedAt the gateway's "Redis answers again" line
 * @param firstBearer2xx first 2xx to a bearer probe after {@code startedAt}
 * @param firstApiKey2xx first 2xx to an API-key probe after {@code startedAt}
 * @param gatewaySameProcess the gateway was the same, live process afterwards (never restarted)
 */
record RedisRestart(int index, double stoppedAt, double startedAt, double unreachableLoggedAt,
		double answersAgainLoggedAt, double firstBearer2xx, double firstApiKey2xx, boolean gatewaySameProcess) {

	/** Until the later of the two first 2xx: the window in which 503s are the documented policy. */
	double outageEnd() {
		return Math.max(this.firstBearer2xx, this.firstApiKey2xx);
	}

	/** Both kinds of caller got a 2xx again, from the same gateway process. */
	boolean recovered() {
		return this.gatewaySameProcess && !Double.isNaN(this.firstBearer2xx) && !Double.isNaN(this.firstApiKey2xx);
	}

}
