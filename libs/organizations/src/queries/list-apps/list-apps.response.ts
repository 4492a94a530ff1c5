import { ApiProperty } from '@nestjs/swagger';
import { AppResponse } from '../../shared/app.response';

export class AppPage {
  @ApiProperty({ type: [AppResponse] }) items!: AppResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
