package org.pujiang.registration;

import java.time.DateTimeException;
import java.time.LocalDate;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.pujiang.petition.BusinessClock;

/** Checks a resident identity number against GB 11643-1999: digits, birth date and the ISO 7064 check digit. */
public class ResidentIdValidator implements ConstraintValidator<ResidentId, String> {

	private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

	private static final String CHECK_CHARACTERS = "10X98765432";

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		return value == null || isValid(value);
	}

	public static boolean isValid(String id) {
		if (id.length() != 18 || !id.substring(0, 17).chars().allMatch(Character::isDigit)) {
			return false;
		}
		try {
			LocalDate birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
					Integer.parseInt(id.substring(12, 14)));
			if (birth.getYear() < 1900 || birth.isAfter(BusinessClock.today())) {
				return false;
			}
		}
		catch (DateTimeException ex) {
			return false;
		}
		return Character.toUpperCase(id.charAt(17)) == checkCharacter(id.substring(0, 17));
	}

	/** The check character for the first 17 digits. */
	public static char checkCharacter(String first17) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (first17.charAt(i) - '0') * WEIGHTS[i];
		}
		return CHECK_CHARACTERS.charAt(sum % 11);
	}

}
