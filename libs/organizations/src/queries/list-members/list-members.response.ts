import { ApiProperty } from '@nestjs/swagger';
import { MemberResponse } from '../../shared/member.response';

export class MemberPage {
  @ApiProperty({ type: [MemberResponse] }) items!: MemberResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
