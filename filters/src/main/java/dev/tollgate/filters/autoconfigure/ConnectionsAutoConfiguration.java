package dev.tollgate.filters.autoconfigure;

import java.net.InetSocketAddress;

import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerState;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;

import dev.tollgate.filters.config.StrictConfigurationCheck;
import dev.tollgate.logs.LogSummary;
import dev.tollgate.filters.edge.AnswerAfterRequestEnd;
import dev.tollgate.filters.edge.ConnectionsProperties;
import dev.tollgate.filters.edge.RequestHeadDeadline;

/**
 * The connection limits of the HTTP server ({@link ConnectionsProperties}): Reactor Netty's idle, read and request
 * timeouts and keep-alive request limit, Tollgate's header-read deadline, answers that wait for their request's end
 * ({@link AnswerAfterRequestEnd}), and requests Reactor Netty could not decode (answered 400/431 by Reactor Netty
 * itself) counted into the summarised edge-refusal log instead of one multi-line warning each.
 */
@AutoConfiguration(after = TollgateFiltersAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ HttpServer.class, NettyServerCustomizer.class })
@Import(StrictConfigurationCheck.class)
@EnableConfigurationProperties(ConnectionsProperties.class)
public class ConnectionsAutoConfiguration {

	/** Reason tag of requests the HTTP decoder refused (malformed request line or headers, headers too large). */
	static final String UNDECODABLE = "undecodable_request";

	@Bean
	public NettyServerCustomizer tollgateConnectionLimits(ConnectionsProperties connections,
			ObjectProvider<LogSummary> edgeRefusals) {
		LogSummary refusals = edgeRefusals.getIfAvailable();
		return (server) -> {
			HttpServer limited = server.idleTimeout(connections.idleTimeout())
				.readTimeout(connections.readTimeout())
				.requestTimeout(connections.requestTimeout())
				.maxKeepAliveRequests(connections.maxKeepAliveRequests())
				.doOnChannelInit((observer, channel, address) -> RequestHeadDeadline.install(channel.pipeline(),
						connections.headerTimeout()));
			if (refusals == null) {
				return limited;
			}
			return limited.childObserve((connection, state) -> {
				if (state == HttpServerState.REQUEST_DECODING_FAILED) {
					refusals.record(UNDECODABLE, (line) -> line.addKeyValue("peer", peer(connection.channel().remoteAddress())));
				}
			});
		};
	}

	@Bean
	public HttpHandlerDecoratorFactory tollgateAnswerAfterRequestEnd(ConnectionsProperties connections) {
		long limit = connections.unreadBodyLimit().toBytes();
		return (handler) -> new AnswerAfterRequestEnd(handler, limit);
	}

	private static String peer(Object address) {
		return (address instanceof InetSocketAddress inet && inet.getAddress() != null)
				? inet.getAddress().getHostAddress() : "-";
	}

}
