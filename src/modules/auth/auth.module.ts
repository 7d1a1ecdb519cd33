import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ClassroomsModule } from '../classrooms/classrooms.module';
import { AuthController } from './auth.controller';
import { RateLimiter } from '../../platform/rate-limit/rate-limiter';
import { AuthGuard } from './auth.guard';
import { AuthRepository } from './auth.repository';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { RateLimitGuard } from './rate-limit.guard';
import { TokenService } from './token.service';

/** Accounts, organizations, API keys, and the global guards every API entry point passes (AuthGuard, then RateLimitGuard). */
@Module({
  imports: [ClassroomsModule],
  providers: [AuthRepository, AuthService, TokenService, AuthResolver, { provide: APP_GUARD, useClass: AuthGuard }, RateLimiter, { provide: APP_GUARD, useClass: RateLimitGuard }],
  controllers: [AuthController],
})
export class AuthModule {}
