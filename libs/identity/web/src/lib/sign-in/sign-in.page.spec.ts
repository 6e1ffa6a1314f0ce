import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { LanguageService } from '@tc/shared/ui';
import { SignInPage } from './sign-in.page';

describe('SignInPage', () => {
  async function setup() {
    TestBed.configureTestingModule({
      imports: [
        SignInPage,
        TranslocoTestingModule.forRoot({
          langs: {
            en: {
              signIn: {
                title: 'Sign in',
                submit: 'Sign in',
                forgot: 'Forgot?',
                errors: { invalid: 'Wrong' },
              },
              common: {
                email: 'Email',
                password: 'Password',
                required: 'Required',
                invalidEmail: 'Not an email',
              },
            },
          },
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
        provideRouter([]),
        { provide: LanguageService, useValue: { lang: signal('en'), use: () => undefined } },
      ],
    });
    const fixture = TestBed.createComponent(SignInPage);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const email = el.querySelector<HTMLInputElement>('#tc-signin-email') as HTMLInputElement;
    const password = el.querySelector<HTMLInputElement>('#tc-signin-password') as HTMLInputElement;
    const type = async (input: HTMLInputElement, value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input'));
      input.dispatchEvent(new Event('blur'));
      await fixture.whenStable();
    };
    const send = async () => {
      el.querySelector('form')?.dispatchEvent(new Event('submit'));
      await fixture.whenStable();
    };
    return { fixture, el, email, password, type, send, http: TestBed.inject(HttpTestingController) };
  }

  it('labels its fields and shows no error before the person has done anything', async () => {
    const { el, email, password } = await setup();
    expect(el.querySelector('label[for="tc-signin-email"]')?.textContent).toContain('Email');
    expect(el.querySelector('label[for="tc-signin-password"]')?.textContent).toContain('Password');
    expect(email.getAttribute('aria-invalid')).toBeNull();
    expect(password.getAttribute('aria-invalid')).toBeNull();
    expect(el.querySelectorAll('.tc-signin-error')).toHaveLength(0);
  });

  it('shows a field error once the field is left, tied to the input, and clears it when mended', async () => {
    const { el, email, type } = await setup();
    await type(email, 'not-an-address');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')).toBe('tc-signin-email-error');
    expect(el.querySelector('#tc-signin-email-error')?.textContent?.trim()).toBe('Not an email');

    await type(email, 'coach@example.org');
    expect(email.getAttribute('aria-invalid')).toBeNull();
    expect(el.querySelector('#tc-signin-email-error')).toBeNull();
  });

  it('sends what the inputs hold even when filled without typing (a password manager)', async () => {
    const { email, password, send, http } = await setup();
    email.value = 'coach@example.org';
    password.value = 'secret';
    await send();
    expect(http.expectOne('/api/v1/auth/sign-in').request.body).toEqual({
      email: 'coach@example.org',
      password: 'secret',
    });
  });

  it('sending an empty form marks both fields required and sends nothing', async () => {
    const { el, send, http } = await setup();
    await send();
    const errors = [...el.querySelectorAll('.tc-signin-error')].map((e) => e.textContent?.trim());
    expect(errors).toEqual(['Required', 'Required']);
    http.expectNone('/api/v1/auth/sign-in');
  });

  it('signs in with the trimmed address, then goes home; a refusal shows the message', async () => {
    const { el, email, password, type, send, http, fixture } = await setup();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await type(email, ' coach@example.org ');
    await type(password, 'wrong');
    await send();
    const refused = http.expectOne('/api/v1/auth/sign-in');
    expect(refused.request.body).toEqual({ email: 'coach@example.org', password: 'wrong' });
    expect(el.querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled).toBe(true);
    refused.flush({ status: 401, title: 'Unauthorized' }, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    expect(el.querySelector('[role="alert"]')?.textContent?.trim()).toBe('Wrong');
    expect(navigate).not.toHaveBeenCalled();

    await send();
    http.expectOne('/api/v1/auth/sign-in').flush({
      accessToken: 't',
      expiresIn: 900,
      me: { id: 'u', displayName: 'C', roles: [], language: 'en' },
    });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/');
  });
});
