import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LookupQueryDto {
  @ApiProperty({ description: 'A client id of any organization’s app' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  clientId!: string;
}
