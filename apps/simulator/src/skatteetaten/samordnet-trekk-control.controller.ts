import { Body, Controller, Injectable, Put } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsBoolean, Matches } from 'class-validator';

/** Parties whose oppslag samordnet trekk answer a test has set (over the fixtures). */
@Injectable()
export class SamordnetTrekkAnswers {
  private readonly answers = new Map<string, boolean>();

  set(party: string, harSamordnetTrekk: boolean): void {
    this.answers.set(party, harSamordnetTrekk);
  }

  answerFor(party: string): boolean | undefined {
    return this.answers.get(party);
  }
}

/** PUT /_sim/samordnet-trekk: what the oppslag answers for a party from now on. */
export class SetSamordnetTrekkDto {
  @ApiProperty({ example: '24887198515', description: 'fødselsnummer, d-nummer or orgnr' })
  @Matches(/^(\d{9}|\d{11})$/, { message: 'party must be 9 or 11 digits' })
  party!: string;

  @ApiProperty()
  @IsBoolean()
  harSamordnetTrekk!: boolean;
}

@ApiTags('simulator control')
@Controller('_sim/samordnet-trekk')
export class SamordnetTrekkControlController {
  constructor(private readonly answers: SamordnetTrekkAnswers) {}

  @Put()
  set(@Body() body: SetSamordnetTrekkDto): SetSamordnetTrekkDto {
    this.answers.set(body.party, body.harSamordnetTrekk);
    return body;
  }
}
