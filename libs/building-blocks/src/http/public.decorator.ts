import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'latchkey:public';

/**
 * Opts a console route out of authentication (sign-up, login, invitation acceptance, health).
 * Every other route needs a signed-in caller: the console's authentication runs for all of them.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
