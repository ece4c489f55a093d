package dev.tollgate.filters.authn.introspection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConcurrencyLimitTests {

	@Test
	void tryAcquireWhenAllPermitsTakenThenFalseWithoutWaitingUntilOneIsReleased() {
		ConcurrencyLimit limit = new ConcurrencyLimit(2);
		assertThat(limit.tryAcquire()).isTrue();
		assertThat(limit.tryAcquire()).isTrue();
		assertThat(limit.tryAcquire()).isFalse();
		limit.release();
		assertThat(limit.tryAcquire()).isTrue();
		assertThat(limit.inUse()).isEqualTo(2);
	}

	@Test
	void constructorWhenLessThanOneThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ConcurrencyLimit(0));
	}

}
