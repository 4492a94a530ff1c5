import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { CheckFields, IsOmittable } from '@latchkey/building-blocks';
import { registrationErrors } from '@latchkey/identity';
import { NO_CONTROL_CHARACTERS } from '../../shared/display-name';
import { OrganizationResponse } from '../../shared/organization.response';
import { SessionResponse } from '../../shared/session.response';

/** The types, and with them the registration's rules (e-mail, password, name), so one answer names every invalid field. */
@CheckFields((body) => registrationErrors({ email: body.email, password: body.password, name: body.name }))
export class SignupDto {
  @ApiProperty({
    example: 'ann@acme.example',
    maxLength: 320,
    description: 'Compared in canonical form (trimmed, NFKC, lower-case); addresses mixing look-alike alphabets are refused',
  })
  @IsString()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ format: 'password', description: 'The console password (its strength rules are checked at registration)' })
  @IsString()
  password!: string;

  @ApiProperty({ example: 'Ann Archer' })
  @IsString()
  name!: string;

  @ApiProperty({ example: 'Acme', maxLength: 100 })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'Remove control characters such as line breaks and tabs' })
  @IsString()
  @Matches(/\S/, { message: 'Enter the name of your organization' })
  @MaxLength(100, { message: 'Use at most 100 characters' })
  organizationName!: string;

  @ApiPropertyOptional({
    format: 'password',
    maxLength: 1024,
    description:
      'Only with `SIGNUP=invite-only`, for the one sign-up that bootstraps an installation with no organization yet: must equal the ' +
      'server’s `SETUP_TOKEN` (compared in constant time), else `403 SIGNUP_DISABLED`. Ignored in `open` mode. Never `null`.',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(1024)
  setupToken?: string;
}

class SignupUser {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
}

export class SignupResponse {
  @ApiProperty({ type: SignupUser }) user!: SignupUser;
  @ApiProperty({ type: OrganizationResponse }) organization!: OrganizationResponse;
  @ApiProperty({ type: SessionResponse }) session!: SessionResponse;
}
