import { Body, Controller, Get, Header, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { parseCookies } from './lti-http';
import { LtiKeysService } from './lti-keys.service';
import { LtiLaunchService, type LtiAnswer } from './lti-launch.service';

/** The LTI routes live at /lti/..., outside the /api prefix (bootstrap.ts excludes these). */
export const LTI_ROUTES = ['lti/login', 'lti/launch', 'lti/launch/continue', 'lti/jwks', 'lti/deep-link', 'lti/register'];

/**
 * The endpoints an LMS and the browser in its frame call (LTI 1.3; see the module's README
 * for the flow). Public: each request proves itself with LTI's own signatures and state.
 */
@ApiTags('lti')
@ApiSecurity({})
@Public()
@Controller('lti')
export class LtiController {
  constructor(
    private readonly launches: LtiLaunchService,
    private readonly keys: LtiKeysService,
  ) {}

  @Get('login')
  @ApiOperation({ summary: 'OIDC third-party initiated login (query parameters iss, login_hint, target_link_uri, ...)' })
  async loginGet(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.launches.login(query));
  }

  @Post('login')
  @ApiOperation({ summary: 'OIDC third-party initiated login (form POST)' })
  async loginPost(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.launches.login(body));
  }

  @Post('launch')
  @ApiOperation({ summary: 'Launch: the platform form-posts id_token and state (resource link or deep linking request)' })
  async launch(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.launches.launch(body, parseCookies(req.headers.cookie)));
  }

  @Get('launch/continue')
  @ApiOperation({ summary: "A launch continued after the platform's storage confirmed the browser (cookies blocked in the frame)" })
  async continueLaunch(@Query('ticket') ticket: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.launches.continueLaunch(ticket));
  }

  @Get('jwks')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: "The tool's public keys (JWKS)" })
  async jwks(): Promise<{ keys: unknown[] }> {
    return (await this.keys.keySet()).jwks();
  }

  @Post('deep-link')
  @ApiOperation({ summary: "The lab picker's choice: answers the auto-posting LtiDeepLinkingResponse" })
  async deepLink(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.launches.deepLink(body));
  }

  @Get('register')
  @ApiOperation({ summary: "Dynamic registration (the organization's registration URL, opened by the LMS with openid_configuration and registration_token)" })
  async register(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.launches.register(query));
  }
}

/** Writes an answer: a redirect, JSON when the client asks for it (and there is some), else HTML. */
function send(req: Request, res: Response, answer: LtiAnswer): void {
  if (answer.cookies) res.setHeader('Set-Cookie', answer.cookies);
  if (answer.redirect) return res.redirect(answer.status, answer.redirect);
  res.status(answer.status);
  res.setHeader('Cache-Control', 'no-store');
  if (answer.json !== undefined && req.accepts(['html', 'json']) === 'json') {
    res.json(answer.json);
    return;
  }
  res.type('html').send(answer.html ?? '');
}
