package dev.tollgate.filters.autoconfigure;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

import dev.tollgate.filters.config.TollgateGatewayProperties;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.observe.CorrelationIdHeadersFilter;
import dev.tollgate.filters.strip.SpoofableHeaders;
import dev.tollgate.filters.edge.InboundHeadersWebFilter;
import dev.tollgate.filters.edge.QueryCredentials;
import dev.tollgate.filters.edge.QueryCredentialsWebFilter;

/**
 * The edge's header and query rules, applied to every request before routing: hop-by-hop and identity headers
 * ({@link InboundHeadersWebFilter}), the correlation id handed to the upstream ({@link CorrelationIdHeadersFilter})
 * and credentials in the query string ({@link QueryCredentialsWebFilter}).
 */
@AutoConfiguration(after = TollgateFiltersAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class EdgeHeadersAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public InboundHeadersWebFilter tollgateInboundHeadersWebFilter(TollgateGatewayProperties properties,
			ErrorResponder responder) {
		return new InboundHeadersWebFilter(SpoofableHeaders.of(properties.stripHeaders()), responder);
	}

	@Bean
	@ConditionalOnMissingBean
	public CorrelationIdHeadersFilter tollgateCorrelationIdHeadersFilter() {
		return new CorrelationIdHeadersFilter();
	}

	@Bean
	@ConditionalOnMissingBean
	public QueryCredentialsWebFilter tollgateQueryCredentialsWebFilter(
			@Value("${tollgate.api-keys.header:X-API-Key}") String apiKeyHeader, ErrorResponder responder) {
		return new QueryCredentialsWebFilter(new QueryCredentials(apiKeyHeader), responder);
	}

}
