package dev.tollgate.filters.autoconfigure;

import java.time.Clock;
import java.util.Base64;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.tollgate.filters.binding.BindingGatewayFilterFactory;
import dev.tollgate.filters.binding.BindingProperties;
import dev.tollgate.filters.binding.BindingStages;
import dev.tollgate.filters.binding.DpopCheck;
import dev.tollgate.filters.binding.dpop.DpopNonces;
import dev.tollgate.filters.binding.dpop.DpopProofVerifier;
import dev.tollgate.filters.binding.dpop.InMemoryProofReplayCache;
import dev.tollgate.filters.binding.dpop.ProofReplayCache;
import dev.tollgate.filters.binding.dpop.RedisProofReplayCache;
import dev.tollgate.filters.binding.mtls.ForwardedCertificateWebFilter;
import dev.tollgate.filters.config.StrictConfigurationCheck;
import dev.tollgate.filters.edge.TrustedProxies;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.redis.RedisConnector;

/**
 * Sender-constrained tokens: DPoP proofs (RFC 9449) with a replay cache in Redis when {@code tollgate.redis} is
 * configured (else in memory, single instance), and client certificates forwarded by trusted proxies (RFC 8705).
 */
@AutoConfiguration(after = TollgateFiltersAutoConfiguration.class, before = PipelineAutoConfiguration.class)
@Import(StrictConfigurationCheck.class)
@EnableConfigurationProperties(BindingProperties.class)
public class BindingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public ProofReplayCache tollgateProofReplayCache(BindingProperties properties,
			ObjectProvider<RedisConnector> redis, ObjectProvider<Clock> clock) {
		RedisConnector shared = redis.getIfAvailable();
		return (shared != null) ? new RedisProofReplayCache(shared)
				: new InMemoryProofReplayCache(clock.getIfAvailable(Clock::systemUTC),
						properties.dpop().replayCacheMaxEntries());
	}

	@Bean
	@ConditionalOnMissingBean
	public DpopCheck tollgateDpopCheck(BindingProperties properties, ProofReplayCache replay,
			ErrorResponder responder, ObjectProvider<Clock> clock) {
		Clock time = clock.getIfAvailable(Clock::systemUTC);
		BindingProperties.Dpop dpop = properties.dpop();
		DpopProofVerifier verifier = new DpopProofVerifier(dpop.algorithms(), dpop.proofMaxAge(), dpop.clockSkew(),
				time);
		DpopNonces nonces = dpop.nonce().required() ? new DpopNonces(
				(dpop.nonce().secret() != null) ? Base64.getDecoder().decode(dpop.nonce().secret()) : null,
				dpop.nonce().window(), time) : null;
		return new DpopCheck(verifier, replay, dpop.onReplayStoreFailure(), responder.publicBaseUrl(), nonces);
	}

	@Bean
	@ConditionalOnMissingBean
	public BindingStages tollgateBindingStages(DpopCheck dpop, DecisionRecorder recorder) {
		return new BindingStages(dpop, recorder);
	}

	@Bean
	@ConditionalOnMissingBean
	public BindingGatewayFilterFactory bindingGatewayFilterFactory(BindingStages stages, ErrorResponder responder) {
		return new BindingGatewayFilterFactory(stages, responder);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty("tollgate.binding.mtls.certificate-header")
	public ForwardedCertificateWebFilter tollgateForwardedCertificateWebFilter(BindingProperties properties,
			TrustedProxies trustedProxies) {
		return new ForwardedCertificateWebFilter(properties.mtls().certificateHeader(),
				properties.mtls().certificateHeaderFormat(), trustedProxies);
	}

}
