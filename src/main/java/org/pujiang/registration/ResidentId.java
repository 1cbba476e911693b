package org.pujiang.registration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** An 18-character resident identity number (GB 11643-1999) with a valid birth date and check digit. */
@Documented
@Constraint(validatedBy = ResidentIdValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface ResidentId {

	String message() default "身份证号码无效（应为18位，出生日期有效，末位校验码符合 GB 11643）";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
