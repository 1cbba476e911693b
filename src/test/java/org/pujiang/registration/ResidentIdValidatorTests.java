package org.pujiang.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResidentIdValidatorTests {

	@Test
	void shouldAcceptTheStandardsExampleAndALowerCaseX() {
		assertThat(ResidentIdValidator.isValid("11010519491231002X")).isTrue();
		assertThat(ResidentIdValidator.isValid("11010519491231002x")).isTrue();
		assertThat(ResidentIdValidator.checkCharacter("11010519491231002")).isEqualTo('X');
	}

	@ParameterizedTest
	@ValueSource(strings = { "110105194912310021", // wrong check digit
			"110105199902300022", // 30 February
			"110105300001010020", // born in the future
			"11010519491231002", // 17 characters
			"1101051949123100X2", // letter in the body
			"" })
	void shouldRefuseMalformedNumbers(String id) {
		assertThat(ResidentIdValidator.isValid(id)).isFalse();
	}

}
