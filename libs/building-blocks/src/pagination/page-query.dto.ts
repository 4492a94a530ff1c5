import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { IsOmittable } from '../http/optional.decorator';

/** `?limit=&cursor=` of every list. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'Page size: default 50; larger values are capped at 500', minimum: 1, example: 50 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
