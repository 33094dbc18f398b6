// Local sign-in: pick one of the demo people that the development issuer signs tokens for.
import type { Role } from '../api/types';
import type { Session } from './session';

export interface DemoUser {
  id: string;
  name: string;
  role: Role;
  memberId?: string;
  funderId?: string;
  language: 'it' | 'en';
}

export async function demoUsers(): Promise<DemoUser[]> {
  const response = await fetch('/api/dev/users');
  if (!response.ok) throw new Error(`/api/dev/users answered ${response.status}`);
  return ((await response.json()) as { users: DemoUser[] }).users;
}

export async function demoLogin(user: string): Promise<Session> {
  const response = await fetch('/api/dev/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  if (!response.ok) throw new Error(`/api/dev/login answered ${response.status}`);
  const { token, expiresIn } = (await response.json()) as { token: string; expiresIn: number };
  return { accessToken: token, expiresAt: Date.now() + expiresIn * 1000, demoUser: user };
}
