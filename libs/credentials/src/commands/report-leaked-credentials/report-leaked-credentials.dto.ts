import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength } from 'class-validator';

export const MAX_REPORTED_CREDENTIALS = 100;
export const MAX_REPORTED_LENGTH = 8192;
/** The whole list, in characters: API.md bounds the body to 64 KB. */
export const MAX_REPORT_CHARACTERS = 64 * 1024;

export class ReportLeakedCredentialsDto {
  @ApiProperty({
    type: [String],
    description: `1–${MAX_REPORTED_CREDENTIALS} strings found somewhere they should not be (any text: nothing is revealed about it)`,
  })
  @IsArray({ message: 'credentials must be an array of strings' })
  @ArrayMinSize(1, { message: 'credentials must hold at least one string' })
  @ArrayMaxSize(MAX_REPORTED_CREDENTIALS, { message: `credentials must hold at most ${MAX_REPORTED_CREDENTIALS} strings` })
  @IsString({ each: true, message: 'credentials must be an array of strings' })
  @MaxLength(MAX_REPORTED_LENGTH, { each: true, message: `each credential must be at most ${MAX_REPORTED_LENGTH} characters` })
  credentials!: string[];
}
