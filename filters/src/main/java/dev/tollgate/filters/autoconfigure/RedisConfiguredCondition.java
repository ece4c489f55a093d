package dev.tollgate.filters.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.tollgate.filters.config.RedisTopologies;

/** Matches when {@code tollgate.redis.*} or Spring Boot's {@code spring.data.redis.*} names a Redis. */
final class RedisConfiguredCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return RedisTopologies.configured(context.getEnvironment())
				? ConditionOutcome.match("a Redis is configured")
				: ConditionOutcome.noMatch("neither tollgate.redis.* nor spring.data.redis.* names a Redis");
	}

}
