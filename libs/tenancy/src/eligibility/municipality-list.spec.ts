import { describe, expect, it } from '@jest/globals';
import { MunicipalityList, parseMunicipalities } from './municipality-list.js';

describe('the shipped list of municipalities (libs/tenancy/data/kommuner.csv)', () => {
  const list = new MunicipalityList();

  it('holds the 356 municipalities of the source list, each orgnr and kommunenummer once', () => {
    expect(list.size).toBe(356);
  });

  it('has the 2024 numbers: split counties renumbered, Ålesund 1508, no 30xx, 38xx or 54xx left', () => {
    expect(list.find('958935420')).toEqual({ orgnr: '958935420', municipalityNumber: '0301', name: 'Oslo' });
    expect(list.find('959159092')).toMatchObject({ municipalityNumber: '3101', name: 'Halden' });
    expect(list.find('935478715')).toMatchObject({ municipalityNumber: '3201', name: 'Bærum' });
    expect(list.find('921234554')).toMatchObject({ municipalityNumber: '3301', name: 'Drammen' });
    expect(list.find('964951284')).toMatchObject({ municipalityNumber: '3901', name: 'Horten' });
    expect(list.find('939991034')).toMatchObject({ municipalityNumber: '4001', name: 'Porsgrunn' });
    expect(list.find('940101808')).toMatchObject({ municipalityNumber: '5501', name: 'Tromsø' });
    expect(list.find('944588132')).toMatchObject({ municipalityNumber: '5601', name: 'Alta' });
    expect(list.find('920415288')).toMatchObject({ municipalityNumber: '1508', name: 'Ålesund' });
    expect(list.find('964951640')).toMatchObject({ municipalityNumber: '3322', name: 'Nesbyen' });
  });

  it('knows nothing of an orgnr that is not a municipality', () => {
    expect(list.find('974760673')).toBeUndefined();
  });

  it('refuses a malformed file (the process must not start with a wrong list)', () => {
    expect(() => parseMunicipalities('orgnr;nr;name\n958935420;0301;Oslo\n')).toThrow(/header/);
    expect(() => parseMunicipalities('organisasjonsnummer;kommunenummer;kommunenavn\n958935421;0301;Oslo\n')).toThrow(
      /line 2/,
    );
    expect(() => parseMunicipalities('organisasjonsnummer;kommunenummer;kommunenavn\n958935420;301;Oslo\n')).toThrow(
      /line 2/,
    );
  });

  it('refuses a list naming an orgnr or a kommunenummer twice', () => {
    const twice = 'organisasjonsnummer;kommunenummer;kommunenavn\n958935420;0301;Oslo\n958935420;0302;Oslo igjen\n';
    expect(() => parseMunicipalities(twice)).toThrow(/twice/);
  });
});
