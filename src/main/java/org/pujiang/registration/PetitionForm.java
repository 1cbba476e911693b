package org.pujiang.registration;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a registrar (or a petitioner online) submits to register a petition. */
public record PetitionForm(
		@NotBlank(message = "必填") @Size(max = 50, message = "不能超过50个字") String petitionerName,
		@NotBlank(message = "必填") @ResidentId String residentId,
		@NotBlank(message = "必填") @Pattern(regexp = "1[3-9]\\d{9}", message = "应为11位手机号码") String phone,
		@Email(message = "电子邮箱格式不正确") @Size(max = 200, message = "不能超过200个字符") String email,
		@NotNull(message = "必填") @Min(value = 1, message = "至少1人") @Max(value = 500, message = "不能超过500人") Integer personsCount,
		@NotBlank(message = "必填") String category,
		@NotBlank(message = "必填") @Pattern(regexp = "PRE_REGISTRATION|WALK_IN|ONLINE|LETTER",
				message = "应为 PRE_REGISTRATION、WALK_IN、ONLINE 或 LETTER") String channel,
		@NotBlank(message = "必填") @Size(max = 2000, message = "不能超过2000个字") String summary,
		@NotBlank(message = "必填") @Size(max = 2000, message = "不能超过2000个字") String request,
		@Size(max = 40, message = "不能超过40个字符") String accusedUnit,
		Long receptionDayId) {
}
