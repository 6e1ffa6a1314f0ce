import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { Territory, TerritoryDetail } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { TerritoryPickerComponent } from './territory-picker.component';

const territory = (
  id: string,
  level: Territory['level'],
  fr: string,
  over: Partial<Territory> = {},
): Territory => ({
  id,
  parentId: 'parent',
  level,
  code: null,
  name: { fr, ar: fr, en: fr },
  childCount: 0,
  ...over,
});
const AFRICA = territory('africa', 'root', 'Afrique', { parentId: null, childCount: 1 });
const MOROCCO = territory('morocco', 'country', 'Maroc', { childCount: 12, code: 'MA' });
const ORIENTAL = territory('oriental', 'region', "L'Oriental", { childCount: 8, code: 'MA-02' });
const BERKANE = territory('berkane', 'province', 'Berkane', { code: 'MA-BER' });

@Component({
  imports: [ReactiveFormsModule, TerritoryPickerComponent],
  template: `<tc-territory-picker [formControl]="control" [scope]="scope()" />`,
})
class HostComponent {
  readonly control = new FormControl<string | null>(null);
  readonly scope = signal<string[] | null>(['oriental']);
}

describe('TerritoryPickerComponent', () => {
  function setup() {
    TestBed.configureTestingModule({
      imports: [
        HostComponent,
        TranslocoTestingModule.forRoot({
          langs: { en: {} },
          translocoConfig: {
            availableLangs: ['en'],
            defaultLang: 'en',
            missingHandler: { logMissingKey: false },
          },
        }),
      ],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: LanguageService, useValue: { lang: signal('fr') } },
      ],
    });
    const fixture = TestBed.createComponent(HostComponent);
    fixture.detectChanges();
    return { fixture, http: TestBed.inject(HttpTestingController), el: fixture.nativeElement as HTMLElement };
  }

  it("starts the drill-down at the person's scope, not at the top of the tree", async () => {
    const { fixture, http, el } = setup();
    http.expectNone('/api/v1/territories');
    http.expectOne('/api/v1/territories/oriental').flush({ ...ORIENTAL, ancestors: [AFRICA, MOROCCO] });
    await fixture.whenStable();
    fixture.detectChanges();
    const selects = el.querySelectorAll('mat-select');
    expect(selects).toHaveLength(1);
    expect(el.querySelector('mat-form-field:last-of-type mat-label')?.textContent).toContain(
      'territories.level.region',
    );
    http.verify();
  });

  it('finds a territory by name within the scope; choosing it sets the value and shows the way down', async () => {
    jest.useFakeTimers();
    const { fixture, http, el } = setup();
    http.expectOne('/api/v1/territories/oriental').flush({ ...ORIENTAL, ancestors: [AFRICA, MOROCCO] });
    const input = el.querySelector<HTMLInputElement>('input[type="search"]') as HTMLInputElement;
    input.value = 'ber';
    input.dispatchEvent(new Event('input'));
    jest.advanceTimersByTime(300);
    const search = http.expectOne((r) => r.url === '/api/v1/territories/search');
    expect(search.request.params.get('q')).toBe('ber');
    expect(search.request.params.get('within')).toBe('oriental');
    const found: TerritoryDetail = { ...BERKANE, ancestors: [AFRICA, MOROCCO, ORIENTAL] };
    search.flush([found]);
    jest.useRealTimers();
    fixture.detectChanges();
    const picker = fixture.debugElement.children[0]?.componentInstance as unknown as {
      matches(): TerritoryDetail[];
      trail(t: TerritoryDetail): string;
      pick(t: TerritoryDetail): void;
    };
    expect(picker.matches().map((m) => m.id)).toEqual(['berkane']);
    expect(picker.trail(found)).toBe("L'Oriental · Maroc");
    picker.pick(found);
    expect(fixture.componentInstance.control.value).toBe('berkane');
    http.expectOne('/api/v1/territories/berkane').flush(found);
    http.expectOne('/api/v1/territories/oriental').flush({ ...ORIENTAL, ancestors: [AFRICA, MOROCCO] });
    http
      .expectOne((r) => r.url === '/api/v1/territories' && r.params.get('parentId') === 'oriental')
      .flush([BERKANE]);
    await fixture.whenStable();
    fixture.detectChanges();
    expect(el.querySelectorAll('mat-select')).toHaveLength(2);
    http.verify();
  });

  it('searches nothing under two characters, and says when nothing matches', async () => {
    jest.useFakeTimers();
    const { fixture, http, el } = setup();
    http.expectOne('/api/v1/territories/oriental').flush({ ...ORIENTAL, ancestors: [AFRICA, MOROCCO] });
    const input = el.querySelector<HTMLInputElement>('input[type="search"]') as HTMLInputElement;
    input.value = 'b';
    input.dispatchEvent(new Event('input'));
    jest.advanceTimersByTime(300);
    http.expectNone((r) => r.url === '/api/v1/territories/search');
    input.value = 'zzz';
    input.dispatchEvent(new Event('input'));
    jest.advanceTimersByTime(300);
    http.expectOne((r) => r.url === '/api/v1/territories/search').flush([]);
    jest.useRealTimers();
    fixture.detectChanges();
    expect(el.textContent).toContain('territories.picker.noMatch');
    http.verify();
  });
});
