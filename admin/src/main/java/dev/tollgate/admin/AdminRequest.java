package dev.tollgate.admin;

import java.net.InetSocketAddress;

import reactor.util.context.ContextView;

import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.observe.DecisionRecorder;

/**
 * Who made an admin request, for the audit log: the authenticated admin's non-secret name, the peer address of the
 * connection (never a forwarded header) and the correlation id. Travels in the Reactor context from
 * {@link AdminRequestContextWebFilter} to the endpoint.
 *
 * @param admin e.g. {@code admin-token:3f2a9c1b}, {@code -} when unknown
 * @param peer the connection's remote IP address
 * @param correlationId the request's correlation id ({@code X-Correlation-Id})
 */
record AdminRequest(String admin, String peer, String correlationId) {

	static final AdminRequest UNKNOWN = new AdminRequest("-", "-", "-");

	static AdminRequest of(ServerWebExchange exchange, String admin) {
		return new AdminRequest(admin, peer(exchange), DecisionRecorder.correlationId(exchange));
	}

	/** The request stored in {@code context}, or {@link #UNKNOWN}. */
	static AdminRequest from(ContextView context) {
		return context.getOrDefault(AdminRequest.class, UNKNOWN);
	}

	static String peer(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote == null) {
			return "-";
		}
		return (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

}
